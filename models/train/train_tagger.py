"""Trains notecoder's ONNX tagger from scratch on CPU: WordPiece vocabulary, masked-language-model
pre-training on CodiEsp train + background texts, then BIO mention and assertion heads on the labels of
`notecoder tagger-data` (coders' evidence carried to English words; the pipeline's assertions), and,
with --min-code-docs, an experimental code head.

    /usr/bin/python3 models/train/train_tagger.py --codiesp ../shared/data/codiesp \
        --icd10cm ../shared/data/icd10cm --silver models/train/work/silver.jsonl

See models/train/README.md. Never reads CodiEsp dev texts (only its file names, to leave out background
texts from the same articles), the IU chest X-ray reports or the cpt-notes set.
"""

import argparse
import glob
import gzip
import hashlib
import json
import os
import random
import tarfile
import time

import numpy as np
import torch
from torch import nn

import wordpiece
from tagger_model import ASSERTION_LABELS, MENTION_LABELS, Tagger

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WINDOW = 126  # tokens per window, plus [CLS] and [SEP]
STRIDE = 96
IGNORE = -100


def log(*args):
    print(time.strftime("%H:%M:%S"), *args, flush=True)


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def background_texts(codiesp):
    """CodiEsp background texts, without any from an article that also has a dev case."""
    dev_articles = {
        os.path.basename(f).rsplit("-", 1)[0]
        for f in glob.glob(os.path.join(codiesp, "dev", "text_files_en", "*.txt"))
    }
    texts, left_out = [], 0
    with tarfile.open(os.path.join(codiesp, "background_en.tar.gz")) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if not member.isfile() or not member.name.endswith(".txt"):
                continue
            article = os.path.basename(member.name)[:-4].rsplit("-", 1)[0]
            if article in dev_articles:
                left_out += 1
                continue
            texts.append(tar.extractfile(member).read().decode("utf-8"))
    return texts, left_out


def extra_texts(path, leave_out_path):
    """Unlabeled notes for pre-training (one JSON object with "text" per line, optionally gzipped), without
    any whose text opens like a note of `leave_out_path` (an evaluation set: its notes stay unseen)."""
    if not path:
        return [], 0
    def key(text):
        return " ".join(text.lower().split())[:300]
    held = set()
    if leave_out_path:
        with open(leave_out_path, encoding="utf-8") as f:
            held = {key(json.loads(line)["text"]) for line in f if line.strip()}
    opener = gzip.open if path.endswith(".gz") else open
    texts, left_out = [], 0
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line).get("text", "")
            if key(text) in held:
                left_out += 1
            elif text.strip():
                texts.append(text)
    return texts, left_out


def code_titles(icd10cm):
    """Long titles from the official ICD-10-CM order file (for the vocabulary)."""
    titles = []
    for path in sorted(glob.glob(os.path.join(icd10cm, "**", "icd10cm-order-*.txt*"), recursive=True)):
        if "addenda" in path:
            continue
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as f:
            titles.extend(line[77:].strip() for line in f if len(line) > 77)
    return titles


def windows(ids, tok):
    """Overlapping windows of token positions covering ``ids``."""
    starts = list(range(0, max(1, len(ids) - WINDOW + STRIDE), STRIDE)) or [0]
    out = []
    for s in starts:
        e = min(len(ids), s + WINDOW)
        out.append((s, e))
        if e == len(ids):
            break
    return out


def token_labels(offsets, spans, label_of):
    """Per-token label for character spans (first overlapping token B-, the rest I-)."""
    labels = [IGNORE] * len(offsets)
    for span in spans:
        first = True
        for i, (s, e) in enumerate(offsets):
            if s < span["end"] and e > span["start"] and e > s:
                labels[i] = label_of(span, first)
                first = False
    return labels


def pad_batch(rows, pad):
    t = max(len(r) for r in rows)
    ids = torch.full((len(rows), t), pad, dtype=torch.long)
    mask = torch.zeros((len(rows), t), dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
        mask[i, : len(r)] = 1
    return ids, mask


def pad_labels(rows, t):
    y = torch.full((len(rows), t), IGNORE, dtype=torch.long)
    for i, r in enumerate(rows):
        y[i, : len(r)] = torch.tensor(r)
    return y


def code_vocabulary(docs, min_docs):
    """Codes the code head lists: those evidenced in at least ``min_docs`` training notes."""
    counts = {}
    for doc in docs:
        for code in {c for span in doc.get("codes", []) for c in span["codes"]}:
            counts[code] = counts.get(code, 0) + 1
    return sorted(code for code, n in counts.items() if n >= min_docs)


def code_targets(offsets, spans, index):
    """Per token, the code-head columns of the evidence spans it lies in."""
    targets = [[] for _ in offsets]
    for span in spans:
        columns = [index[c] for c in span["codes"] if c in index]
        if not columns:
            continue
        for i, (s, e) in enumerate(offsets):
            if s < span["end"] and e > span["start"] and e > s:
                targets[i].extend(c for c in columns if c not in targets[i])
    return targets


def encode_docs(wp, docs, code_index=None):
    out = []
    for doc in docs:
        ids, offsets = wp.encode(doc["text"])
        mention = token_labels(
            offsets,
            doc["mentions"],
            lambda s, first: MENTION_LABELS.index(("B-" if first else "I-") + s["type"]),
        )
        mention = [0 if m == IGNORE else m for m in mention]
        assertion = token_labels(
            offsets, doc["assertions"], lambda s, first: ASSERTION_LABELS.index(s["assertion"])
        )
        codes = code_targets(offsets, doc.get("codes", []), code_index or {})
        out.append({"ids": ids, "offsets": offsets, "mention": mention, "assertion": assertion, "codes": codes})
    return out


def labelled_windows(encoded, wp):
    rows = []
    for d in encoded:
        for s, e in windows(d["ids"], wp):
            rows.append(
                (
                    [wp.cls] + d["ids"][s:e] + [wp.sep],
                    [IGNORE] + d["mention"][s:e] + [IGNORE],
                    [IGNORE] + d["assertion"][s:e] + [IGNORE],
                    [[]] + d["codes"][s:e] + [[]],
                )
            )
    return rows


def pretrain(model, sequences, wp, vocab_size, steps, batch, lr, rng):
    """Masked-language-model pre-training (15 % of tokens: 80 % [MASK], 10 % random, 10 % kept)."""
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.06)
    model.train()
    started = time.time()
    order = []
    for step in range(steps):
        if not order:
            order = list(range(len(sequences)))
            rng.shuffle(order)
        rows = [sequences[order.pop()] for _ in range(min(batch, len(order)))]
        ids, mask = pad_batch(rows, wp.pad)
        chosen = (torch.rand(ids.shape) < 0.15) & (mask == 1) & (ids > wp.mask)
        targets = ids[chosen]
        if targets.numel() == 0:
            continue
        inputs = ids.clone()
        roll = torch.rand(ids.shape)
        inputs[chosen & (roll < 0.8)] = wp.mask
        rand = chosen & (roll >= 0.8) & (roll < 0.9)
        inputs[rand] = torch.randint(len(wordpiece.SPECIALS), vocab_size, (int(rand.sum()),))
        hidden = model.mlm(model.encode(inputs, mask))[chosen]
        logits = hidden @ model.tok.weight.t() + model.mlm_bias
        loss = nn.functional.cross_entropy(logits, targets)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        if step % 100 == 0 or step == steps - 1:
            log(f"mlm step {step}/{steps} loss {loss.item():.3f} ({time.time() - started:.0f} s)")


def finetune(model, rows, epochs, batch, lr, rng, name, weigh_assertions=False):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    steps = epochs * ((len(rows) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.1)
    # Mentions are rare: their classes weigh more so the head does not settle on "O".
    weights = torch.tensor([1.0] + [3.0] * (len(MENTION_LABELS) - 1))
    # Assertions other than "present" are rare too: inverse square-root frequency weights.
    counts = torch.zeros(len(ASSERTION_LABELS))
    for _, _, ya, _ in rows:
        for label in ya:
            if label != IGNORE:
                counts[label] += 1
    assertion_weights = (counts.sum() / (len(ASSERTION_LABELS) * counts.clamp(min=1))).sqrt().clamp(max=5.0)
    if not weigh_assertions:
        assertion_weights = torch.ones(len(ASSERTION_LABELS))
    model.train()
    started = time.time()
    for epoch in range(epochs):
        order = list(range(len(rows)))
        rng.shuffle(order)
        total = 0.0
        for b in range(0, len(order), batch):
            chunk = [rows[i] for i in order[b : b + batch]]
            ids, mask = pad_batch([c[0] for c in chunk], 0)
            ym = pad_labels([c[1] for c in chunk], ids.shape[1])
            ya = pad_labels([c[2] for c in chunk], ids.shape[1])
            out = model(ids, mask)
            m, a = out[0], out[1]
            loss = nn.functional.cross_entropy(
                m.reshape(-1, m.shape[-1]), ym.reshape(-1), weight=weights, ignore_index=IGNORE
            )
            if (ya != IGNORE).any():
                loss = loss + nn.functional.cross_entropy(
                    a.reshape(-1, a.shape[-1]), ya.reshape(-1), weight=assertion_weights, ignore_index=IGNORE
                )
            if model.code is not None:
                # Code head: one sigmoid per code, summed over codes, averaged over the real tokens.
                yc = torch.zeros(out[2].shape)
                for i, c in enumerate(chunk):
                    for t, columns in enumerate(c[3]):
                        if columns:
                            yc[i, t, columns] = 1.0
                real = (ym != IGNORE).float()
                bce = nn.functional.binary_cross_entropy_with_logits(out[2], yc, reduction="none").sum(-1)
                loss = loss + (bce * real).sum() / real.sum().clamp(min=1)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += loss.item()
        log(f"{name} epoch {epoch + 1}/{epochs} loss {total / max(1, len(order) / batch):.4f} ({time.time() - started:.0f} s)")


@torch.no_grad()
def predict(model, encoded, wp):
    """Per-token mention and assertion labels for whole notes (window merge: most central window)."""
    model.eval()
    out = []
    for d in encoded:
        n = len(d["ids"])
        best = [(-1, 0, 0, -1)] * n
        for s, e in windows(d["ids"], wp):
            ids, mask = pad_batch([[wp.cls] + d["ids"][s:e] + [wp.sep]], 0)
            outputs = model(ids, mask)
            mp = outputs[0][0, 1:-1].argmax(-1).tolist()
            ap = outputs[1][0, 1:-1].argmax(-1).tolist()
            cp = outputs[2][0, 1:-1].argmax(-1).tolist() if model.code is not None else [-1] * (e - s)
            for i in range(s, e):
                centrality = min(i - s, e - 1 - i)
                if centrality > best[i][0]:
                    best[i] = (centrality, mp[i - s], ap[i - s], cp[i - s])
        out.append(([b[1] for b in best], [b[2] for b in best], [b[3] for b in best]))
    return out


def spans_of(labels):
    spans, current = set(), None
    for i, lab in enumerate(labels + [0]):
        name = MENTION_LABELS[lab]
        if current and not (name.startswith("I-") and name[2:] == current[2]):
            spans.add((current[0], i, current[2]))
            current = None
        if name.startswith("B-") or (name.startswith("I-") and current is None):
            current = (i, None, name[2:])
    return spans


def evaluate(model, encoded, wp):
    """Span F1 of mentions (exact token span and type), assertion accuracy and the code head's top-1
    precision on evidence tokens, on held-out notes."""
    tp = fp = fn = 0
    right = total = 0
    majority = 0
    code_right = code_total = 0
    for d, (mp, ap, cp) in zip(encoded, predict(model, encoded, wp)):
        for gold_codes, top in zip(d["codes"], cp):
            if gold_codes:
                code_total += 1
                code_right += int(top in gold_codes)
        gold, pred = spans_of(d["mention"]), spans_of(mp)
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        for g, p in zip(d["assertion"], ap):
            if g != IGNORE:
                total += 1
                right += int(g == p)
                majority += int(g == 0)
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    return {
        "mentionPrecision": round(p, 4),
        "mentionRecall": round(r, 4),
        "mentionF1": round(2 * p * r / max(1e-9, p + r), 4),
        "assertionAccuracy": round(right / max(1, total), 4),
        "assertionMajorityBaseline": round(majority / max(1, total), 4),
        "assertionTokens": total,
        "codeTop1OnEvidenceTokens": round(code_right / max(1, code_total), 4),
        "codeEvidenceTokens": code_total,
    }


def export(model, path):
    model.eval()
    ids = torch.tensor([[2, 10, 11, 12, 3], [2, 13, 14, 3, 0]])
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 1, 0]])
    outputs = output_names(model)
    torch.onnx.export(
        model,
        (ids, mask),
        path,
        input_names=["input_ids", "attention_mask"],
        output_names=outputs,
        dynamic_axes={
            "input_ids": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "sequence"},
            **{name: {0: "batch", 1: "sequence"} for name in outputs},
        },
        opset_version=14,
        do_constant_folding=True,
    )


def output_names(model):
    names = ["mention_logits", "assertion_logits"]
    return names + ["code_logits"] if model.code is not None else names


PARITY_SENTENCES = [
    "No evidence of pneumonia; mild cardiomegaly is present.",
    "68 yo F with T2DM and CKD stage 3a, HTN. Mother had breast cancer.",
    "CT of the chest with 3D rendering on an independent workstation, rule out pulmonary embolism.",
]


@torch.no_grad()
def parity_fixture(model, wp):
    model.eval()
    cases = []
    for text in PARITY_SENTENCES:
        ids, _ = wp.encode(text)
        row = [wp.cls] + ids + [wp.sep]
        outputs = model(torch.tensor([row]), torch.ones(1, len(row), dtype=torch.long))
        case = {
            "text": text,
            "inputIds": row,
            "mentionLogits": [[round(v, 6) for v in r] for r in outputs[0][0].tolist()],
            "assertionLogits": [[round(v, 6) for v in r] for r in outputs[1][0].tolist()],
        }
        if model.code is not None:
            case["codeLogits"] = [[round(v, 5) for v in r] for r in outputs[2][0].tolist()]
        cases.append(case)
    return {"model": "models/tagger/model.onnx", "cases": cases}


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--codiesp", required=True, help="CodiEsp root (train/, dev/ names, background_en.tar.gz)")
    ap.add_argument("--icd10cm", required=True, help="ICD-10-CM release folder (order file titles)")
    ap.add_argument("--silver", required=True, help="notecoder tagger-data output (CodiEsp train)")
    ap.add_argument("--out", default=os.path.join(ROOT, "models", "tagger"))
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--fixture", default=os.path.join(ROOT, "test", "fixtures", "tagger", "parity.json"))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--vocab", type=int, default=8000)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--ffn", type=int, default=512)
    ap.add_argument("--mlm-steps", type=int, default=500)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--weigh-assertions", action="store_true", help="inverse sqrt-frequency assertion loss weights")
    ap.add_argument("--reuse-mlm", action="store_true", help="start from work/mlm.pt (same vocabulary and size)")
    ap.add_argument("--limit", type=int, default=0, help="use only this many notes and texts (smoke runs)")
    ap.add_argument("--extra-texts", default="", help="unlabeled notes (JSONL, .gz allowed) added to the vocabulary and pre-training")
    ap.add_argument("--leave-out", default="", help="JSONL evaluation notes whose texts are dropped from --extra-texts")
    ap.add_argument(
        "--min-code-docs", type=int, default=0,
        help="experimental code head over the codes evidenced in at least this many notes (default 0: none; "
        "the runtime does not read it, see MODEL_CARD item 9)",
    )
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    seed_everything(args.seed)
    rng = random.Random(args.seed)
    started = time.time()
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.work, exist_ok=True)

    with open(args.silver, encoding="utf-8") as f:
        docs = sorted((json.loads(line) for line in f if line.strip()), key=lambda d: d["id"])
    background, left_out = background_texts(args.codiesp)
    titles = code_titles(args.icd10cm)
    extra, extra_left_out = extra_texts(args.extra_texts, args.leave_out)
    if args.limit:
        docs, background, titles = docs[: args.limit], background[: args.limit], titles[: 50 * args.limit]
        extra = extra[: args.limit]
    log(f"{len(docs)} silver notes, {len(background)} background texts ({left_out} left out), {len(titles)} titles")
    log(f"{len(extra)} extra unlabeled notes ({extra_left_out} left out as evaluation notes)")

    vocab = wordpiece.learn_vocab([d["text"] for d in docs] + background + extra + titles, args.vocab)
    wp = wordpiece.WordPiece(vocab)
    wordpiece.save(vocab, args.out, WINDOW + 2)
    log(f"vocabulary: {len(vocab)} pieces")

    codes = code_vocabulary(docs, args.min_code_docs) if args.min_code_docs > 0 else []
    if codes:
        log(f"code head: {len(codes)} codes evidenced in at least {args.min_code_docs} notes")
    encoded = encode_docs(wp, docs, {c: i for i, c in enumerate(codes)})
    sequences = []
    for text in [d["text"] for d in docs] + background + extra:
        ids, _ = wp.encode(text)
        sequences.extend([wp.cls] + ids[s:e] + [wp.sep] for s, e in windows(ids, wp))
    tokens = sum(len(s) for s in sequences)
    log(f"pre-training on {len(sequences)} windows, {tokens} tokens")

    def new_model():
        return Tagger(len(vocab), args.hidden, args.layers, args.heads, args.ffn, WINDOW + 2, codes=len(codes))

    base = new_model()
    mlm_path = os.path.join(args.work, "mlm.pt")
    if args.reuse_mlm and os.path.exists(mlm_path):
        base.load_state_dict(torch.load(mlm_path), strict=False)
        log(f"pre-trained weights reused from {mlm_path}")
    else:
        pretrain(base, sequences, wp, len(vocab), args.mlm_steps, args.batch, 5e-4, rng)
        torch.save({k: v for k, v in base.state_dict().items() if not k.startswith("code.")}, mlm_path)
    base_state = {k: v.clone() for k, v in base.state_dict().items()}

    metrics = {}
    # Two folds: each fold's model never sees the notes it tags for `notecoder train` (out of fold).
    for k in range(2):
        seed_everything(args.seed + k + 1)
        model = new_model()
        model.load_state_dict(base_state)
        train_part = [d for i, d in enumerate(encoded) if i % 2 != k]
        held = [d for i, d in enumerate(encoded) if i % 2 == k]
        finetune(
            model, labelled_windows(train_part, wp), args.epochs, args.batch, 5e-4, rng, f"fold {k}",
            args.weigh_assertions,
        )
        metrics[f"fold{k}"] = evaluate(model, held, wp)
        log(f"fold {k} held-out silver: {metrics[f'fold{k}']}")
        export(model, os.path.join(args.work, f"fold-{k}.onnx"))

    seed_everything(args.seed + 10)
    model = new_model()
    model.load_state_dict(base_state)
    finetune(model, labelled_windows(encoded, wp), args.epochs, args.batch, 5e-4, rng, "all", args.weigh_assertions)
    model_path = os.path.join(args.out, "model.onnx")
    export(model, model_path)
    os.makedirs(os.path.dirname(args.fixture), exist_ok=True)
    with open(args.fixture, "w", encoding="utf-8") as f:
        json.dump(parity_fixture(model, wp), f)
        f.write("\n")

    config = {
        "architecture": "bert-style encoder, post-LN, GELU, learned positions",
        "vocabSize": len(vocab),
        "hidden": args.hidden,
        "layers": args.layers,
        "heads": args.heads,
        "ffn": args.ffn,
        "window": WINDOW,
        "stride": STRIDE,
        "maxPositions": WINDOW + 2,
        "inputs": ["input_ids", "attention_mask"],
        "outputs": output_names(model),
        "parameters": sum(p.numel() for p in model.parameters() if p is not model.mlm_bias),
        "seed": args.seed,
        "training": {
            "mlmSteps": args.mlm_steps,
            "epochs": args.epochs,
            "batch": args.batch,
            "learningRate": 5e-4,
            "weighAssertions": args.weigh_assertions,
            "codeHeadCodes": len(codes),
            "codeHeadMinDocs": args.min_code_docs,
            "pretrainWindows": len(sequences),
            "pretrainTokens": tokens,
            "silverNotes": len(docs),
            "backgroundTexts": len(background),
            "backgroundLeftOut": left_out,
            "extraTexts": len(extra),
            "extraLeftOut": extra_left_out,
            "seconds": round(time.time() - started),
            "torch": torch.__version__,
        },
        "heldOutSilver": metrics,
        "sha256": sha256(model_path),
    }
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "labels.json"), "w", encoding="utf-8") as f:
        json.dump({"mention": MENTION_LABELS, "assertion": ASSERTION_LABELS, "codes": codes}, f, indent=2)
        f.write("\n")
    log(f"done in {time.time() - started:.0f} s; model {os.path.getsize(model_path)} bytes")


if __name__ == "__main__":
    main()
