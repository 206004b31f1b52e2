"""Chinese full-text search over the catalog: jieba segmentation, synonym expansion and BM25F-style ranking.

Built in memory from the catalog snapshot, so the embedded and the PostgreSQL mode rank identically.
"""
from __future__ import annotations

import math
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import jieba

jieba.setLogLevel(60)
_jieba_lock = threading.Lock()
_known_words: set[str] = set()

STOPWORDS = set("""
怎么 怎么办 怎样 如何 办理 办 哪里 哪儿 什么 了 的 我 我的 要 想 想要 需要 可以 能 吗 呢 吧 啊 在 去 到 请问 一下 手续 流程
需要 该 应该 给 把 被 还 是 有 没有 和 与 及 或 个 些 这 那 这个 那个 哪些 多少 几 时候 办事 事 问 帮 帮我 你好 您好
""".split())
_PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)
K1, B = 1.2, 0.75
FIELD_WEIGHTS = {"name": 3.0, "keywords": 2.5, "department": 1.0, "summary": 1.0, "faqs": 0.6}


def add_words(words: list[str]) -> None:
    """Teach jieba the catalog's own words (service names, keywords) so they segment as one token."""
    with _jieba_lock:
        for w in words:
            w = w.strip()
            if len(w) >= 2 and w not in _known_words:
                jieba.add_word(w, freq=20000)
                _known_words.add(w)


def tokens(text: str) -> list[str]:
    out = []
    for t in jieba.lcut_for_search(text.lower()):
        t = t.strip()
        if t and t not in STOPWORDS and not _PUNCT.match(t):
            out.append(t)
    return out


@dataclass
class Doc:
    key: str
    fields: dict[str, str]
    phrases: list[str] = field(default_factory=list)  # name and keywords: whole-phrase matches get a boost
    tie: int = 9999  # lower wins ties (hot rank)


@dataclass
class Hit:
    key: str
    score: float


class SearchIndex:
    def __init__(self, docs: list[Doc], synonyms: dict[str, list[str]]):
        add_words([p for d in docs for p in d.phrases] + list(synonyms))
        self.docs = {d.key: d for d in docs}
        # Synonym targets segmented once, and phrases lowercased once, not on every query.
        self.synonyms = {w.lower(): [t for target in targets for t in tokens(target)] for w, targets in synonyms.items()}
        self.phrases = {d.key: [p.lower() for p in d.phrases if len(p) >= 2] for d in docs}
        self._cache: dict[str, list[Hit]] = {}
        self.postings: dict[str, dict[str, float]] = defaultdict(dict)
        lengths: dict[str, float] = {}
        for d in docs:
            tf: Counter = Counter()
            for fname, text in d.fields.items():
                w = FIELD_WEIGHTS.get(fname, 1.0)
                for t in tokens(text):
                    tf[t] += w
            lengths[d.key] = sum(tf.values())
            for t, f in tf.items():
                self.postings[t][d.key] = f
        self.n = max(1, len(docs))
        self.avg_len = (sum(lengths.values()) / self.n) or 1.0
        self.lengths = lengths
        self.idf = {t: math.log(1 + (self.n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def expand(self, query: str) -> dict[str, float]:
        """Query terms with weights: the query's own tokens (1.0) and synonyms of words it contains (0.8)."""
        terms: dict[str, float] = {t: 1.0 for t in tokens(query)}
        for word, targets in self.synonyms.items():
            if word in query:
                for t in targets:
                    terms.setdefault(t, 0.8)
        return terms

    def search(self, query: str) -> list[Hit]:
        """Ranked hits; results are kept per query (popular questions repeat) for the life of this index."""
        query = query.strip().lower()
        if not query:
            return []
        hits = self._cache.get(query)
        if hits is None:
            hits = self._rank(query)
            if len(self._cache) >= 5000:
                self._cache.clear()
            self._cache[query] = hits
        return hits

    def _rank(self, query: str) -> list[Hit]:
        scores: dict[str, float] = defaultdict(float)
        for term, qw in self.expand(query).items():
            for key, f in self.postings.get(term, {}).items():
                norm = f * (K1 + 1) / (f + K1 * (1 - B + B * self.lengths[key] / self.avg_len))
                scores[key] += qw * self.idf[term] * norm
        for key in list(scores):
            # A whole name or keyword inside the query ("身份证过期" in "身份证过期了怎么办") is a strong signal.
            for phrase in self.phrases[key]:
                if phrase in query:
                    scores[key] += 2.0 + len(phrase) * 0.5
        return sorted((Hit(k, s) for k, s in scores.items()), key=lambda h: (-h.score, self.docs[h.key].tie, h.key))
