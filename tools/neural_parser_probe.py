#!/usr/bin/env python3
"""Stop 30 feasibility probe: a small feed-forward transition scorer (Chen & Manning 2014 style)
for Chronicle's arc-hybrid parser, trained offline with PyTorch on the tags the parser sees.

Train on EWT train + GUM train with 4-fold jackknifed tags (the tag cache that
`chronicle train parser --jackknife 4 --tag-cache FILE` writes), score on EWT dev tagged by the
shipped models/pos.model (`chronicle extract --input conllu --format conllu`), UAS/LAS over all
words with the full relation, as `chronicle train evaluate` counts them.

  /usr/bin/python3 tools/neural_parser_probe.py --train EWT_TRAIN --extra GUM... --tag-cache FILE \
      --dev-gold EWT_DEV --dev-tagged DEV_TAGGED [--pos-model models/pos.model] [--hidden 256] ...

`--score-only FILE` prints UAS/LAS of a parsed CoNLL-U against --dev-gold (checks the scorer on the
shipped parser's output). Needs python3-torch and python3-numpy (Debian 12: torch 1.13.1, CPU).
"""
import argparse
import random
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn

from head_errors import read as read_rows

ROOT, NULL, UNK = 0, 1, 2  # reserved ids of every vocabulary

# ---------------------------------------------------------------- corpora


def read_conllu(path):
    """Sentences as lists of (form, upos, xpos, head, deprel); multiword ranges and empty nodes
    skipped, as Chronicle's conllu reader gives gold tokens."""
    return [[(c[1], c[3], c[4], int(c[6]) if c[6] != "_" else 0, c[7]) for c in s] for s in read_rows(path)]


def read_tag_cache(path, sents):
    """Replaces the tags of `sents` (train then extra, in order) by the jackknifed ones."""
    with open(path, encoding="utf-8") as f:
        header = f.readline()
        assert header.startswith("# chronicle jackknifed tags"), header
        out = []
        for s in sents:
            toks = []
            for t in s:
                u, x = f.readline().rstrip("\n").split("\t")
                toks.append((t[0], u, x, t[3], t[4]))
            assert f.readline() == "\n", "tag cache does not match the corpus"
            out.append(toks)
    return out


def fnv_hash(s):
    h = 0xCBF29CE484222325
    for c in s.encode("utf-8"):
        h = ((h ^ c) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    h ^= h >> 30
    h = (h * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    h ^= h >> 27
    h = (h * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    h ^= h >> 31
    return h


def ascii_lower(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def read_word_classes(path):
    """The tagger's word classes (lowercase hash -> class + 1), read from pos.model's layout
    (extract/tagger_impl.h)."""
    b = open(path, "rb").read()
    pos = 0

    def u32():
        nonlocal pos
        pos += 4
        return struct.unpack_from("<I", b, pos - 4)[0]

    def u64():
        nonlocal pos
        pos += 8
        return struct.unpack_from("<Q", b, pos - 8)[0]

    def string():
        nonlocal pos
        n = u32()
        pos += n
        return b[pos - n : pos]

    u32()
    assert string() == b"pos"
    u32()
    string()
    for _ in range(u32()):
        string()
        string()
    n = u64()
    pos += n * 10  # tag dictionary
    n = u64()
    pos += n * 12  # ambiguity classes
    n = u64()
    table = {}
    for _ in range(n):
        k, v = struct.unpack_from("<QH", b, pos)
        pos += 10
        table[k] = v
    return table


def score(pred_sents, gold_sents):
    """UAS and LAS (percent) over all words, full relation; heads/labels per sentence."""
    n = uas = las = 0
    for p, g in zip(pred_sents, gold_sents):
        assert len(p[0]) == len(g)
        for h, l, t in zip(p[0], p[1], g):
            n += 1
            if h == t[3]:
                uas += 1
                las += l == t[4]
    return 100.0 * uas / n, 100.0 * las / n


# ---------------------------------------------------------------- vocabularies and features


class Vocab:
    def __init__(self, items, min_count=1):
        counts = {}
        for it in items:
            counts[it] = counts.get(it, 0) + 1
        self.counts = counts
        self.ids = {"<root>": ROOT, "<null>": NULL, "<unk>": UNK}
        for it in sorted(counts, key=lambda k: (-counts[k], k)):
            if counts[it] >= min_count:
                self.ids[it] = len(self.ids)

    def get(self, it):
        return self.ids.get(it, UNK)

    def __len__(self):
        return len(self.ids)


class Encoded:
    """A sentence as id arrays, index 0 = the root."""

    __slots__ = ("n", "word", "cls", "tag", "head", "label", "freq", "gold")

    def __init__(self, sent, words, classes, tags, labels, wc_table):
        self.n = len(sent)
        self.word = [ROOT] + [words.get(ascii_lower(t[0])) for t in sent]
        self.freq = [0] + [words.counts.get(ascii_lower(t[0]), 0) for t in sent]
        self.cls = [ROOT] + [
            classes.get(wc_table.get(fnv_hash(ascii_lower(t[0])), 0)) for t in sent
        ]
        self.tag = [ROOT] + [tags.get(t[1] + " " + t[2]) for t in sent]
        self.head = [-1] + [t[3] for t in sent]
        self.label = [-1] + [labels.ids.get(t[4], 3) - 3 for t in sent]
        self.gold = sent


def is_projective(heads):
    arcs = [(min(h, d), max(h, d)) for d, h in enumerate(heads) if d > 0]
    for a, b in arcs:
        for c, d in arcs:
            if a < c < b < d:
                return False
    return True


# Feature positions (Chen & Manning's 18, plus the buffer front's two leftmost children, which
# arc-hybrid attaches there): words, classes and tags of all 20, labels of the 14 children.
N_POS, N_LAB = 20, 14
# Word features only on the first WORD_POSITIONS positions (s0 s1 s2 b0 b1 b2 first): a C++ port
# keeps a precomputed (word x position) -> hidden table, whose size is this times the vocabulary.
WORD_POSITIONS = N_POS


class State:
    __slots__ = ("e", "stack", "b", "heads", "labels", "lk", "rk")

    def __init__(self, e):
        self.e = e
        self.stack = [0]
        self.b = 1
        n = e.n
        self.heads = [-1] * (n + 1)
        self.labels = [-1] * (n + 1)
        self.lk = [[] for _ in range(n + 2)]  # left children, nearest last
        self.rk = [[] for _ in range(n + 2)]  # right children, nearest last

    def done(self):
        return self.b > self.e.n and len(self.stack) == 1

    # transitions: 0 SHIFT, 1 LEFT, 2 RIGHT
    def valid(self):
        n, st = self.e.n, self.stack
        sh = self.b <= n
        left = len(st) > 1 and self.b <= n
        right = len(st) > 2 or (len(st) == 2 and self.b > n)
        return sh, left, right

    def apply(self, t, lab):
        st = self.stack
        if t == 0:
            st.append(self.b)
            self.b += 1
        elif t == 1:
            d = st.pop()
            self.heads[d], self.labels[d] = self.b, lab
            self.lk[self.b].insert(0, d)
        else:
            d = st.pop()
            h = st[-1]
            self.heads[d], self.labels[d] = h, lab
            self.rk[h].append(d)

    def costs(self):
        """Arc-hybrid dynamic-oracle costs (Goldberg & Nivre 2013) of SHIFT, LEFT, RIGHT."""
        e, st, b, n = self.e, self.stack, self.b, self.e.n
        gh = e.head
        inf = 10**6
        sh, left, right = self.valid()
        c_sh = c_l = c_r = inf
        if sh:
            c = 0
            for k in st:
                if gh[k] == b:
                    c += 1
            for k in st[:-1]:
                if gh[b] == k:
                    c += 1
            c_sh = c
        if left or right:
            s0 = st[-1]
            kids_in_buffer = sum(1 for d in range(b, n + 1) if gh[d] == s0)
            if left:
                c = kids_in_buffer
                if len(st) > 1 and gh[s0] == st[-2]:
                    c += 1
                if b < gh[s0] <= n:
                    c += 1
                c_l = c
            if right:
                c = kids_in_buffer
                if b <= gh[s0] <= n:
                    c += 1
                c_r = c
        return c_sh, c_l, c_r

    def features(self, out_w, out_c, out_t, out_l, word_positions=N_POS):
        e, st = self.e, self.stack
        hs = len(st)
        s0 = st[-1] if hs > 0 else -1
        s1 = st[-2] if hs > 1 else -1
        s2 = st[-3] if hs > 2 else -1
        n = e.n
        b0 = self.b if self.b <= n else -1
        b1 = self.b + 1 if self.b + 1 <= n else -1
        b2 = self.b + 2 if self.b + 2 <= n else -1
        lk, rk = self.lk, self.rk

        def l1(x):
            return lk[x][0] if x >= 0 and lk[x] else -1

        def l2(x):
            return lk[x][1] if x >= 0 and len(lk[x]) > 1 else -1

        def r1(x):
            return rk[x][-1] if x >= 0 and rk[x] else -1

        def r2(x):
            return rk[x][-2] if x >= 0 and len(rk[x]) > 1 else -1

        pos = [s0, s1, s2, b0, b1, b2]
        kids = []
        for s in (s0, s1):
            a, c = l1(s), r1(s)
            kids += [a, c, l2(s), r2(s), l1(a), r1(c)]
        kids += [l1(b0), l2(b0)]
        pos += kids
        W, C, T = e.word, e.cls, e.tag
        labels = self.labels
        for i, p in enumerate(pos):
            if p < 0:
                out_w[i] = out_c[i] = out_t[i] = NULL
            else:
                out_w[i], out_c[i], out_t[i] = W[p], C[p], T[p]
        for i, p in enumerate(kids):
            out_l[i] = NULL if p < 0 else labels[p] + 3
        for i in range(word_positions, N_POS):
            out_w[i] = NULL


# ---------------------------------------------------------------- model


class Scorer(nn.Module):
    def __init__(self, nw, nc, nt, nl, n_out, dw, dc, dt, dl, hidden, use_classes, act, factored):
        super().__init__()
        self.factored = factored
        self.use_classes = use_classes
        self.ew = nn.Embedding(nw, dw)
        self.ec = nn.Embedding(nc, dc) if use_classes else None
        self.et = nn.Embedding(nt, dt)
        self.el = nn.Embedding(nl, dl)
        d_in = N_POS * (dw + dt + (dc if use_classes else 0)) + N_LAB * dl
        self.hidden = nn.Linear(d_in, hidden)
        self.out = nn.Linear(hidden, n_out)
        self.act = act
        for emb in (self.ew, self.et, self.el) + ((self.ec,) if use_classes else ()):
            nn.init.uniform_(emb.weight, -0.05, 0.05)

    def forward(self, w, c, t, l, dropout=0.0):
        parts = [self.ew(w).flatten(1), self.et(t).flatten(1), self.el(l).flatten(1)]
        if self.use_classes:
            parts.append(self.ec(c).flatten(1))
        x = torch.cat(parts, 1)
        if dropout:
            x = nn.functional.dropout(x, dropout, True)
        h = self.hidden(x)
        h = h * h * h if self.act == "cube" else torch.relu(h)
        if dropout:
            h = nn.functional.dropout(h, dropout, True)
        return self.out(h)

    def joint(self, out, n_lab):
        """Scores of SHIFT, LEFT x labels, RIGHT x labels. Factored: log P(transition) +
        log P(label), whose greedy argmax is the best transition with its best label."""
        if not self.factored:
            return out
        lt = torch.log_softmax(out[:, :3], 1)
        ll = torch.log_softmax(out[:, 3:], 1)
        return torch.cat([lt[:, :1], lt[:, 1:2] + ll, lt[:, 2:3] + ll], 1)

    def loss(self, out, y, n_lab):
        if not self.factored:
            return nn.functional.cross_entropy(out, y)
        t = torch.where(y == 0, 0, torch.where(y <= n_lab, 1, 2))
        arc = y > 0
        lab = (y[arc] - 1) % n_lab
        loss = nn.functional.cross_entropy(out[:, :3], t)
        if arc.any():
            loss = loss + nn.functional.cross_entropy(out[arc, 3:], lab) * arc.float().mean()
        return loss


def action_id(t, lab, n_lab):
    return 0 if t == 0 else (1 + lab if t == 1 else 1 + n_lab + lab)


def split_action(a, n_lab):
    if a == 0:
        return 0, -1
    return (1, a - 1) if a <= n_lab else (2, a - 1 - n_lab)


def static_oracle(state):
    e, st, b = state.e, state.stack, state.b
    gh = e.head
    if len(st) > 1 and b <= e.n and gh[st[-1]] == b:
        return 1, e.label[st[-1]]
    if len(st) > 1:
        s0, s1 = st[-1], st[-2]
        if gh[s0] == s1 and (s1 != 0 or b > e.n):
            if all(gh[d] != s0 for d in range(b, e.n + 1)):
                return 2, e.label[s0]
    return 0, -1


def static_examples(encoded):
    """Feature rows and gold actions of the static oracle over projective sentences."""
    rows = []
    for e in encoded:
        if not is_projective(e.head):
            continue
        s = State(e)
        while not s.done():
            w, c, t, l = [0] * N_POS, [0] * N_POS, [0] * N_POS, [0] * N_LAB
            s.features(w, c, t, l, WORD_POSITIONS)
            tr, lab = static_oracle(s)
            rows.append((w, c, t, l, tr, lab, e))
            s.apply(tr, lab)
    return rows


def unk_dropout(words, freqs, alpha, rng):
    """Replaces a rare word by <unk> with probability alpha / (alpha + count), so the model
    learns <unk> (Kiperwasser & Goldberg 2016)."""
    out = words.clone()
    if alpha <= 0:
        return out
    p = alpha / (alpha + freqs.float())
    drop = torch.rand(out.shape, generator=rng) < p
    out[drop & (out > UNK)] = UNK
    return out


# ---------------------------------------------------------------- decoding


def batch_features(states):
    """Word, class, tag and label ids of each state, one row per state."""
    m = len(states)
    W, C, T = (np.zeros((m, N_POS), np.int64) for _ in range(3))
    L = np.zeros((m, N_LAB), np.int64)
    for j, s in enumerate(states):
        s.features(W[j], C[j], T[j], L[j], WORD_POSITIONS)
    return W, C, T, L


def parse_all(model, encoded, n_lab, batch=512):
    model.eval()
    results = []
    with torch.no_grad():
        for i in range(0, len(encoded), batch):
            states = [State(e) for e in encoded[i : i + batch]]
            active = [s for s in states if not s.done()]
            while active:
                W, C, T, L = batch_features(active)
                scores = model.joint(model(*(torch.from_numpy(a) for a in (W, C, T, L))), n_lab).numpy()
                for j, s in enumerate(active):
                    sh, left, right = s.valid()
                    row = scores[j]
                    best, best_a = -1e30, 0
                    if sh:
                        best, best_a = row[0], 0
                    if left:
                        k = int(np.argmax(row[1 : 1 + n_lab]))
                        if row[1 + k] > best:
                            best, best_a = row[1 + k], 1 + k
                    if right:
                        k = int(np.argmax(row[1 + n_lab :]))
                        if row[1 + n_lab + k] > best:
                            best, best_a = row[1 + n_lab + k], 1 + n_lab + k
                    s.apply(*split_action(best_a, n_lab))
                active = [s for s in active if not s.done()]
            results += [(s.heads[1:], s.labels[1:]) for s in states]
    model.train()
    return results


def evaluate(model, dev_enc, dev_gold, labels, n_lab):
    inv = {v: k for k, v in labels.ids.items()}
    parses = parse_all(model, dev_enc, n_lab)
    named = [(h, [inv.get(x + 3, "_") for x in l]) for h, l in parses]
    return score(named, dev_gold)


# ---------------------------------------------------------------- training


def tensors(rows, n_lab):
    W = torch.tensor([r[0] for r in rows])
    C = torch.tensor([r[1] for r in rows])
    T = torch.tensor([r[2] for r in rows])
    L = torch.tensor([r[3] for r in rows])
    Y = torch.tensor([action_id(r[4], r[5], n_lab) for r in rows])
    return W, C, T, L, Y


def train_step(model, opt, data, idx, n_lab, args, rng, freq_by_id):
    """One Adam step on the rows `idx` of (W, C, T, L, Y); returns the summed loss."""
    W, C, T, L, Y = data
    w = unk_dropout(W[idx], freq_by_id[W[idx]], args.unk_alpha, rng)
    loss = model.loss(model(w, C[idx], T[idx], L[idx], dropout=args.dropout), Y[idx], n_lab)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.item() * len(Y[idx])


def dynamic_epoch(model, opt, encoded, n_lab, args, rng, pyrng, freq_by_id):
    """One epoch of training with the dynamic oracle: states reached by following the model
    with probability args.explore, the loss pushes the best zero-cost action."""
    order = list(range(len(encoded)))
    pyrng.shuffle(order)
    loss_sum, steps = 0.0, 0
    for i in range(0, len(order), args.sent_batch):
        states = [State(encoded[k]) for k in order[i : i + args.sent_batch]]
        active = [s for s in states if not s.done()]
        feats, targets = [], []
        while active:
            W, C, T, L = batch_features(active)
            with torch.no_grad():
                model.eval()
                scores = model.joint(model(*(torch.from_numpy(a) for a in (W, C, T, L))), n_lab).numpy()
                model.train()
            for j, s in enumerate(active):
                c_sh, c_l, c_r = s.costs()
                row = scores[j]
                # the best zero-cost action: labels of a correct arc are the gold one
                best_c = min(c_sh, c_l, c_r)
                cand = []
                st = s.stack
                if c_sh == best_c:
                    cand.append(0)
                if c_l == best_c:
                    d = st[-1]
                    if s.e.head[d] == s.b:
                        cand.append(1 + s.e.label[d])
                    else:
                        cand += [1 + k for k in range(n_lab)]
                if c_r == best_c:
                    d = st[-1]
                    if s.e.head[d] == st[-2]:
                        cand.append(1 + n_lab + s.e.label[d])
                    else:
                        cand += [1 + n_lab + k for k in range(n_lab)]
                gold = max(cand, key=lambda a: row[a])
                feats.append((W[j], C[j], T[j], L[j]))
                targets.append(gold)
                # the model's own best valid action, followed with probability `explore`
                sh, left, right = s.valid()
                masked = np.full(len(row), -np.inf, np.float32)
                if sh:
                    masked[0] = row[0]
                if left:
                    masked[1 : 1 + n_lab] = row[1 : 1 + n_lab]
                if right:
                    masked[1 + n_lab :] = row[1 + n_lab :]
                best_a = int(np.argmax(masked))
                follow = best_a if pyrng.random() < args.explore else gold
                s.apply(*split_action(follow, n_lab))
            active = [s for s in active if not s.done()]
        W = torch.from_numpy(np.stack([f[0] for f in feats]))
        C = torch.from_numpy(np.stack([f[1] for f in feats]))
        T = torch.from_numpy(np.stack([f[2] for f in feats]))
        L = torch.from_numpy(np.stack([f[3] for f in feats]))
        Y = torch.tensor(targets)
        for k in range(0, len(Y), args.batch):
            sl = slice(k, k + args.batch)
            loss_sum += train_step(model, opt, (W, C, T, L, Y), sl, n_lab, args, rng, freq_by_id)
            steps += len(Y[sl])
    return loss_sum / max(steps, 1)


def cost_report(args, n_words, n_classes, n_tags, n_lab):
    """The C++ cost of one token with precomputed tables: every (slot, value) pair's product with
    its block of the hidden layer is a row of H numbers, so a transition sums one row per feature
    (F x H adds), applies the activation and scores the output layer (H x outputs multiply-adds).
    Arc-hybrid makes exactly two transitions per token (a shift and a reduce)."""
    H = args.hidden
    slots = [("words", args.word_positions, n_words), ("tags", N_POS, n_tags), ("labels", N_LAB, n_lab + 3)]
    if args.pos_model:
        slots.append(("word classes", N_POS, n_classes))
    F = sum(k for _, k, _ in slots)
    adds = 2 * F * H
    if args.factored:
        macs = 2 * 3 * H + n_lab * H  # labels scored once per token, on its arc
    else:
        macs = 2 * (1 + 2 * n_lab) * H
    print("C++ cost per token: %d features x H %d: %d table adds + %d output multiply-adds = %d"
          % (F, H, adds, macs, adds + macs))
    for name, k, v in slots:
        print("  table %-12s %2d slots x %6d values x %d = %6.1f MB float32, %6.1f MB int16"
              % (name, k, v, H, k * v * H * 4 / 1e6, k * v * H * 2 / 1e6))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train")
    ap.add_argument("--extra", nargs="*", default=[])
    ap.add_argument("--tag-cache", help="jackknifed tags of --train + --extra (else gold tags)")
    ap.add_argument("--dev-gold")
    ap.add_argument("--dev-tagged", help="dev as the shipped tagger tagged it (else gold tags)")
    ap.add_argument("--pos-model", help="read the tagger's word classes from it (a 4th input)")
    ap.add_argument("--score-only", help="score this parsed CoNLL-U against --dev-gold and exit")
    ap.add_argument("--word-positions", type=int, default=N_POS,
                    help="word features on the first N positions only (6: stack and buffer tops)")
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--factored", action="store_true",
                    help="output = 3 transitions + labels (labels scored only for an arc) instead of 1 + 2L")
    ap.add_argument("--act", choices=["relu", "cube"], default="relu")
    ap.add_argument("--dw", type=int, default=64)
    ap.add_argument("--dc", type=int, default=16)
    ap.add_argument("--dt", type=int, default=24)
    ap.add_argument("--dl", type=int, default=16)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--oracle", choices=["static", "dynamic"], default="static")
    ap.add_argument("--static-epochs", type=int, default=2, help="dynamic: static epochs first")
    ap.add_argument("--explore", type=float, default=0.9)
    ap.add_argument("--sent-batch", type=int, default=64)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--unk-alpha", type=float, default=0.25)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--save", help="write the best model's state_dict here")
    ap.add_argument("--load", help="start from this state_dict (same options and corpora)")
    ap.add_argument("--cost-only", action="store_true", help="print the C++ cost estimate and exit")
    args = ap.parse_args()

    if args.score_only:
        gold = read_conllu(args.dev_gold)
        pred = [([t[3] for t in s], [t[4] for t in s]) for s in read_conllu(args.score_only)]
        print("UAS %.2f LAS %.2f" % score(pred, gold))
        return

    global WORD_POSITIONS
    WORD_POSITIONS = args.word_positions
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = torch.Generator().manual_seed(args.seed)
    pyrng = random.Random(args.seed)
    t0 = time.time()

    train = read_conllu(args.train)
    for p in args.extra:
        train += read_conllu(p)
    if args.tag_cache:
        train = read_tag_cache(args.tag_cache, train)
    dev_gold = read_conllu(args.dev_gold)
    dev = dev_gold
    if args.dev_tagged:
        tagged = read_conllu(args.dev_tagged)
        dev = [
            [(g[0], p[1], p[2], g[3], g[4]) for g, p in zip(gs, ps)] for gs, ps in zip(dev_gold, tagged)
        ]
    wc_table = read_word_classes(args.pos_model) if args.pos_model else {}

    words = Vocab((ascii_lower(t[0]) for s in train for t in s), args.min_count)
    classes = Vocab(wc_table.get(fnv_hash(ascii_lower(t[0])), 0) for s in train for t in s)
    tags = Vocab(t[1] + " " + t[2] for s in train for t in s)
    labels = Vocab(t[4] for s in train for t in s)
    n_lab = len(labels) - 3
    enc = [Encoded(s, words, classes, tags, labels, wc_table) for s in train]
    dev_enc = [Encoded(s, words, classes, tags, labels, wc_table) for s in dev]
    freq_by_id = torch.zeros(len(words), dtype=torch.long)
    for wd, i in words.ids.items():
        freq_by_id[i] = words.counts.get(wd, 10**6)
    proj = [e for e in enc if is_projective(e.head)]
    print(
        "train %d sentences (%d projective), %d tokens; words %d, classes %d, tags %d, labels %d"
        % (len(enc), len(proj), sum(e.n for e in enc), len(words), len(classes), len(tags), n_lab),
        flush=True,
    )

    cost_report(args, len(words), len(classes), len(tags), n_lab)
    if args.cost_only:
        return
    model = Scorer(
        len(words), len(classes), len(tags), n_lab + 3, (3 + n_lab) if args.factored else (1 + 2 * n_lab),
        args.dw, args.dc, args.dt, args.dl, args.hidden, bool(args.pos_model), args.act, args.factored,
    )
    if args.load:
        model.load_state_dict(torch.load(args.load))
        uas, las = evaluate(model, dev_enc, dev_gold, labels, n_lab)
        print("loaded %s: dev UAS %.2f LAS %.2f" % (args.load, uas, las), flush=True)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    rows = static_examples(proj)
    W, C, T, L, Y = tensors(rows, n_lab)
    print("static oracle: %d transitions, %.0f s" % (len(Y), time.time() - t0), flush=True)

    best = (0.0, 0.0, 0)
    train_time = 0.0
    for ep in range(1, args.epochs + 1):
        te = time.time()
        if args.oracle == "static" or ep <= args.static_epochs:
            perm = torch.randperm(len(Y), generator=rng)
            tot = 0.0
            for k in range(0, len(Y), args.batch):
                idx = perm[k : k + args.batch]
                tot += train_step(model, opt, (W, C, T, L, Y), idx, n_lab, args, rng, freq_by_id)
            loss_avg = tot / len(Y)
            kind = "static"
        else:
            loss_avg = dynamic_epoch(model, opt, proj, n_lab, args, rng, pyrng, freq_by_id)
            kind = "dynamic"
        train_time += time.time() - te
        uas, las = evaluate(model, dev_enc, dev_gold, labels, n_lab)
        print(
            "epoch %d (%s): loss %.4f, dev UAS %.2f LAS %.2f, train %.0f s so far"
            % (ep, kind, loss_avg, uas, las, train_time),
            flush=True,
        )
        if las > best[1]:
            best = (uas, las, ep)
            if args.save:
                torch.save(model.state_dict(), args.save)
    n_params = sum(p.numel() for p in model.parameters())
    print("best: epoch %d, dev UAS %.2f LAS %.2f; %d parameters" % (best[2], best[0], best[1], n_params))


if __name__ == "__main__":
    sys.exit(main())
