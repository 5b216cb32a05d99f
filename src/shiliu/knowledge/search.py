"""Chinese full-text search that needs no search engine: jieba's words in plain text columns.

An article's title, text and keywords are cut with ``jieba.cut_for_search`` (which gives both
the words and the shorter words inside them: 社会保险 → 社会 保险 社会保险) and stored as
`` word word … `` — space-separated, with a space at each end. A query is cut the same way,
and an article matches when its column contains `` word `` for every word of the query
(AND). ``LIKE '% word %'`` behaves the same on SQLite and PostgreSQL; a knowledge base has
hundreds of articles, not millions, so a scan is fast enough.

Residents say 社保 for 社会保险 and 低保 for 最低生活保障. The synonym table links such
terms; every term linked (directly or through another) forms one class. When an article
mentions any member of a class as a word, every member is added to its words (indexing);
when a query names a member, that part of the query matches any member (querying).

"As a word" means the text has a word boundary before and after it, as jieba's precise cut
sees it, so 降低保费 does not count as mentioning 低保.

jieba takes about a second to load its dictionary: it is loaded on first use, once per
process, into a private ``jieba.Tokenizer`` (words other code adds to the global one do not
change what we index), and its logger is kept below INFO.
"""

import logging
import threading
import unicodedata
import warnings
from collections.abc import Iterable

QUERY_MAX = 100  # characters of a query that are read; the rest is ignored
MAX_GROUPS = 20  # words of a query that are matched; bounds the SQL
WORD_MAX = 40  # longer "words" (a pasted URL, a run of letters) are not indexed

# Words that say nothing about the matter: left out of a query unless they are all it has.
STOPWORDS = frozenset(
    "的 了 吗 呢 吧 啊 呀 么 是 在 和 与 及 或 也 都 就 还 又 被 把 给 对 向 从 我 我们 你 您 他 她 它 他们 "
    "请问 请 问 想 想要 要 需要 应该 可以 能 能否 能不能 可不可以 怎么 怎么样 怎样 怎么办 如何 什么 哪些 哪个 哪里 "
    "哪儿 多少 多久 有没有 有 没有 一下 这个 那个 这 那 办理 办 a an the of to for in on and or is are do does "
    "how what which can i my me".split()
)

log = logging.getLogger(__name__)

_lock = threading.Lock()
_tokenizer = None


def _jieba():
    """jieba's tokenizer, loaded once per process on first use."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                with warnings.catch_warnings():
                    # jieba 0.42's sources hold regexes with invalid escapes: Python warns when it compiles them.
                    warnings.simplefilter("ignore", DeprecationWarning)
                    warnings.simplefilter("ignore", SyntaxWarning)
                    import jieba
                    import jieba.finalseg  # noqa: F401 - compiled here too, under the same filter

                # jieba logs "Building prefix dict ..." at DEBUG on a handler of its own (stderr).
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def normalize(text: str) -> str:
    """Full-width letters and digits as half-width (ＡＢＣ１２ → abc12), lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _is_word(token: str) -> bool:
    return 0 < len(token) <= WORD_MAX and any(ch.isalnum() for ch in token)


def words(text: str) -> list[str]:
    """The words of ``text`` (already normalised) as jieba's search mode cuts them, in order, once each."""
    seen: dict[str, None] = {}
    for token in _jieba().cut_for_search(text):
        token = token.strip()
        if _is_word(token):
            seen.setdefault(token, None)
    return list(seen)


def _boundaries(text: str) -> set[int]:
    edges: set[int] = set()
    for _word, start, end in _jieba().tokenize(text):
        edges.add(start)
        edges.add(end)
    return edges


def _occurrences(phrase: str, text: str, edges: set[int]) -> list[int]:
    """Start positions where ``phrase`` stands in ``text`` as a word (boundaries on both sides)."""
    found, start = [], text.find(phrase)
    while start != -1:
        if start in edges and start + len(phrase) in edges:
            found.append(start)
        start = text.find(phrase, start + 1)
    return found


def synonym_classes(pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Each term → every term linked to it, directly or through others (itself included)."""
    parent: dict[str, str] = {}

    def root(term: str) -> str:
        parent.setdefault(term, term)
        while parent[term] != term:
            parent[term] = parent[parent[term]]
            term = parent[term]
        return term

    for term, expands_to in pairs:
        a, b = normalize(term).strip(), normalize(expands_to).strip()
        if a and b:
            parent[root(a)] = root(b)
    members: dict[str, set[str]] = {}
    for term in parent:
        members.setdefault(root(term), set()).add(term)
    return {term: frozenset(members[root(term)]) for term in parent}


def index_words(text: str, classes: dict[str, frozenset[str]]) -> set[str]:
    """The words stored for ``text``, with every synonym of each term it mentions."""
    text = normalize(text)
    found = set(words(text))
    edges: set[int] | None = None
    for phrase, members in classes.items():
        if phrase not in text or phrase in found and members <= found:
            continue
        if phrase not in found:
            edges = _boundaries(text) if edges is None else edges
            if not _occurrences(phrase, text, edges):
                continue
        for member in members:
            found.add(member)
            found.update(words(member))
    return found


def column(tokens: Iterable[str]) -> str:
    """Words as stored: `` a b c `` (sorted, a space at each end), or "" for none."""
    tokens = sorted(set(tokens))
    return f" {' '.join(tokens)} " if tokens else ""


# One word of a query: it is found when every word of any one alternative is in the article.
Group = tuple[frozenset[str], ...]


def query_groups(query: str, classes: dict[str, frozenset[str]]) -> list[Group]:
    """What an article must contain: every group (AND), each group by any of its alternatives (OR).

    The query is read up to QUERY_MAX characters. A term of the synonym table found in it
    (longest first) becomes one group whose alternatives are its class's members, each as
    its words (低保 → 低保 | 最低 生活 保障): an article that says either way matches. The
    rest of the query is cut into words, one group each. Stopwords are dropped unless
    nothing else is left. An empty list matches nothing.
    """
    text = normalize((query or "")[:QUERY_MAX])
    if not text.strip():
        return []
    groups: list[Group] = []
    edges: set[int] | None = None
    for phrase in sorted(classes, key=lambda p: (-len(p), p)):
        if phrase not in text:
            continue
        edges = _boundaries(text) if edges is None else edges
        hits = _occurrences(phrase, text, edges)
        if hits:
            members = sorted(classes[phrase], key=lambda m: (len(m), m))
            groups.append(tuple(frozenset(words(m) or [m]) for m in members))
            for start in hits:  # blank it out, keeping every position (and so the boundaries) in place
                text = text[:start] + " " * len(phrase) + text[start + len(phrase):]
    rest = words(text)
    meaningful = [w for w in rest if w not in STOPWORDS]
    groups += [(frozenset({w}),) for w in (meaningful or ([] if groups else rest))]
    unique: list[Group] = []
    for group in groups:
        if group not in unique:
            unique.append(group)
    return unique[:MAX_GROUPS]
