"""A small BERT-style encoder with a BIO mention head, an assertion head and (optionally) a code head
(post-LN, GELU)."""

import math

import torch
from torch import nn

MENTION_LABELS = [
    "O",
    "B-PROBLEM",
    "I-PROBLEM",
    "B-SYMPTOM",
    "I-SYMPTOM",
    "B-PROCEDURE",
    "I-PROCEDURE",
]
ASSERTION_LABELS = ["present", "absent", "possible", "historical", "family", "hypothetical"]


class Layer(nn.Module):
    def __init__(self, hidden, heads, ffn, dropout):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.out = nn.Linear(hidden, hidden)
        self.ln1 = nn.LayerNorm(hidden, eps=1e-12)
        self.ff1 = nn.Linear(hidden, ffn)
        self.ff2 = nn.Linear(ffn, hidden)
        self.ln2 = nn.LayerNorm(hidden, eps=1e-12)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, bias):
        b, t, h = x.shape
        d = h // self.heads
        q, k, v = self.qkv(x).view(b, t, 3, self.heads, d).permute(2, 0, 3, 1, 4)
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
        att = self.drop(torch.softmax(att, dim=-1))
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, t, h)
        x = self.ln1(x + self.drop(self.out(y)))
        y = self.ff2(self.drop(nn.functional.gelu(self.ff1(x))))
        return self.ln2(x + self.drop(y))


class Tagger(nn.Module):
    def __init__(self, vocab, hidden, layers, heads, ffn, max_len, dropout=0.1, codes=0):
        super().__init__()
        self.tok = nn.Embedding(vocab, hidden)
        self.pos = nn.Embedding(max_len, hidden)
        self.ln = nn.LayerNorm(hidden, eps=1e-12)
        self.drop = nn.Dropout(dropout)
        self.layers = nn.ModuleList(Layer(hidden, heads, ffn, dropout) for _ in range(layers))
        self.mention = nn.Linear(hidden, len(MENTION_LABELS))
        self.assertion = nn.Linear(hidden, len(ASSERTION_LABELS))
        # Code head: per token, P(the coders coded this code here), one sigmoid per listed code.
        self.code = nn.Linear(hidden, codes) if codes > 0 else None
        self.mlm = nn.Sequential(nn.Linear(hidden, hidden), nn.GELU(), nn.LayerNorm(hidden, eps=1e-12))
        self.mlm_bias = nn.Parameter(torch.zeros(vocab))
        self.apply(self._init)
        if self.code is not None:
            nn.init.constant_(self.code.bias, -5.0)  # codes are rare: start near their prior

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def encode(self, input_ids, attention_mask):
        t = input_ids.shape[1]
        positions = torch.arange(t, device=input_ids.device).unsqueeze(0)
        x = self.drop(self.ln(self.tok(input_ids) + self.pos(positions)))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x

    def forward(self, input_ids, attention_mask):
        x = self.encode(input_ids, attention_mask)
        if self.code is None:
            return self.mention(x), self.assertion(x)
        return self.mention(x), self.assertion(x), self.code(x)

    def mlm_logits(self, input_ids, attention_mask):
        x = self.mlm(self.encode(input_ids, attention_mask))
        return torch.matmul(x, self.tok.weight.t()) + self.mlm_bias
