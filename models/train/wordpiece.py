"""WordPiece vocabulary learning and tokenization, written to match Hugging Face's BERT tokenizer.

The vocabulary is learned the way `tokenizers`' WordPieceTrainer learns it (byte-pair merges over
word counts, continuation pieces prefixed with ``##``) and saved as a ``tokenizer.json`` that
``@huggingface/transformers`` loads (BertNormalizer, BertPreTokenizer, WordPiece model). ``encode``
reproduces that pipeline in Python with character offsets into the original text; the Node tests
check that both sides produce the same ids.
"""

import heapq
import json
import unicodedata
from collections import Counter

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
MAX_WORD_CHARS = 100


def _is_control(ch):
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf")


def _is_whitespace(ch):
    if ch in " \t\n\r":
        return True
    return unicodedata.category(ch) == "Zs"


def _is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp):
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def pre_tokenize(text):
    """BertNormalizer (clean text, CJK spacing, lower case, accents kept) + BertPreTokenizer.

    Returns (word, start, end) with offsets into ``text``.
    """
    words = []
    current = []
    start = 0

    def flush(end):
        if current:
            words.append(("".join(current), start, end))
            current.clear()

    for i, ch in enumerate(text):
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if _is_whitespace(ch):
            flush(i)
            continue
        if _is_punctuation(ch) or _is_cjk(cp):
            flush(i)
            words.append((ch.lower(), i, i + 1))
            continue
        if not current:
            start = i
        current.append(ch.lower())
    flush(len(text))
    return words


def learn_vocab(texts, size, min_count=2):
    """Byte-pair merges over word counts until the vocabulary has ``size`` entries."""
    counts = Counter()
    for text in texts:
        for word, _, _ in pre_tokenize(text):
            counts[word] += 1
    words = [w for w, c in counts.items() if c >= min_count and len(w) <= MAX_WORD_CHARS]
    freq = [counts[w] for w in words]
    seqs = [[w[0]] + ["##" + ch for ch in w[1:]] for w in words]
    vocab = list(SPECIALS)
    seen = set(vocab)
    for seq in seqs:
        for sym in seq:
            if sym not in seen:
                seen.add(sym)
                vocab.append(sym)
    pairs = Counter()
    where = {}
    for i, seq in enumerate(seqs):
        for a, b in zip(seq, seq[1:]):
            pairs[(a, b)] += freq[i]
            where.setdefault((a, b), set()).add(i)
    heap = [(-c, a, b) for (a, b), c in pairs.items()]
    heapq.heapify(heap)
    while len(vocab) < size and heap:
        neg, a, b = heapq.heappop(heap)
        if pairs.get((a, b), 0) != -neg or -neg < min_count:
            if pairs.get((a, b), 0) >= min_count and pairs[(a, b)] != -neg:
                heapq.heappush(heap, (-pairs[(a, b)], a, b))
            continue
        merged = a + (b[2:] if b.startswith("##") else b)
        if merged not in seen:
            seen.add(merged)
            vocab.append(merged)
        changed = set()
        for i in list(where.get((a, b), ())):
            seq = seqs[i]
            for x, y in zip(seq, seq[1:]):
                pairs[(x, y)] -= freq[i]
                changed.add((x, y))
            out = []
            j = 0
            while j < len(seq):
                if j + 1 < len(seq) and seq[j] == a and seq[j + 1] == b:
                    out.append(merged)
                    j += 2
                else:
                    out.append(seq[j])
                    j += 1
            seqs[i] = out
            for x, y in zip(out, out[1:]):
                pairs[(x, y)] += freq[i]
                where.setdefault((x, y), set()).add(i)
                changed.add((x, y))
        for p in changed:
            if pairs[p] >= min_count:
                heapq.heappush(heap, (-pairs[p], p[0], p[1]))
        pairs.pop((a, b), None)
    return vocab


class WordPiece:
    """Greedy longest-match-first WordPiece over a learned vocabulary, with character offsets."""

    def __init__(self, vocab):
        self.vocab = {piece: i for i, piece in enumerate(vocab)}
        self.unk = self.vocab["[UNK]"]
        self.cls = self.vocab["[CLS]"]
        self.sep = self.vocab["[SEP]"]
        self.pad = self.vocab["[PAD]"]
        self.mask = self.vocab["[MASK]"]

    def encode(self, text):
        """Token ids (no [CLS]/[SEP]) and (start, end) character offsets of each token."""
        ids = []
        offsets = []
        for word, start, end in pre_tokenize(text):
            if len(word) > MAX_WORD_CHARS:
                ids.append(self.unk)
                offsets.append((start, end))
                continue
            pieces = []
            i = 0
            bad = False
            while i < len(word):
                j = len(word)
                found = None
                while j > i:
                    sub = word[i:j] if i == 0 else "##" + word[i:j]
                    if sub in self.vocab:
                        found = sub
                        break
                    j -= 1
                if found is None:
                    bad = True
                    break
                pieces.append((self.vocab[found], i, j))
                i = j
            if bad:
                ids.append(self.unk)
                offsets.append((start, end))
            else:
                # Lower-casing can change a word's length; offsets then cover the whole word.
                exact = len(word) == end - start
                for piece, i, j in pieces:
                    ids.append(piece)
                    offsets.append((start + i, start + j) if exact else (start, end))
        return ids, offsets


def tokenizer_json(vocab, max_length):
    """The ``tokenizer.json`` (Hugging Face format) for ``vocab``."""
    ids = {piece: i for i, piece in enumerate(vocab)}
    special = lambda name: {"id": name, "ids": [ids[name]], "tokens": [name]}  # noqa: E731
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": ids[s],
                "content": s,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": False,
                "special": True,
            }
            for s in SPECIALS
        ],
        "normalizer": {
            "type": "BertNormalizer",
            "clean_text": True,
            "handle_chinese_chars": True,
            "strip_accents": False,
            "lowercase": True,
        },
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [
                {"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
            ],
            "pair": [
                {"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 1}},
                {"SpecialToken": {"id": "[SEP]", "type_id": 1}},
            ],
            "special_tokens": {"[CLS]": special("[CLS]"), "[SEP]": special("[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {
            "type": "WordPiece",
            "unk_token": "[UNK]",
            "continuing_subword_prefix": "##",
            "max_input_chars_per_word": MAX_WORD_CHARS,
            "vocab": ids,
        },
    }


def tokenizer_config(max_length):
    """The ``tokenizer_config.json`` that tells ``AutoTokenizer`` which class to build."""
    return {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "strip_accents": False,
        "tokenize_chinese_chars": True,
        "model_max_length": max_length,
        "unk_token": "[UNK]",
        "sep_token": "[SEP]",
        "pad_token": "[PAD]",
        "cls_token": "[CLS]",
        "mask_token": "[MASK]",
        "clean_up_tokenization_spaces": True,
    }


def save(vocab, directory, max_length):
    with open(f"{directory}/tokenizer.json", "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(vocab, max_length), f, ensure_ascii=False)
    with open(f"{directory}/tokenizer_config.json", "w", encoding="utf-8") as f:
        json.dump(tokenizer_config(max_length), f, indent=2)
        f.write("\n")


def load(path):
    """A :class:`WordPiece` over the vocabulary of a saved ``tokenizer.json``."""
    with open(path, encoding="utf-8") as f:
        vocab = json.load(f)["model"]["vocab"]
    return WordPiece([piece for piece, _ in sorted(vocab.items(), key=lambda kv: kv[1])])


if __name__ == "__main__":
    # python3 wordpiece.py <tokenizer.json>: one JSON string per stdin line → its ids and offsets.
    import sys

    wp = load(sys.argv[1])
    for line in sys.stdin:
        ids, offsets = wp.encode(json.loads(line))
        print(json.dumps({"ids": ids, "offsets": offsets}))
