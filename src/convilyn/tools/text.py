"""Small text utilities shared by the analysis tools: stopwords, words, sentences, lines."""

from __future__ import annotations

import re
from collections.abc import Iterator

STOPWORDS = frozenset(
    ["a", "about", "above", "across", "after", "afterwards", "again", "against", "all", "almost", "alone", "along", "already", "also", "although", "always", "am", "among", "amongst", "an", "and", "another", "any", "anyhow", "anyone", "anything", "anyway", "anywhere", "are", "around", "as", "at", "back", "be", "became", "because", "become", "becomes", "becoming", "been", "before", "beforehand", "behind", "being", "below", "beside", "besides", "between", "beyond", "both", "but", "by", "can", "cannot", "could", "did", "do", "does", "doing", "done", "down", "due", "during", "each", "eg", "e.g", "either", "else", "elsewhere", "enough", "etc", "even", "ever", "every", "everyone", "everything", "everywhere", "except", "few", "first", "for", "former", "formerly", "from", "further", "get", "gets", "getting", "got", "had", "has", "have", "having", "he", "hence", "her", "here", "hereafter", "hereby", "herein", "hers", "herself", "him", "himself", "his", "how", "however", "i", "ie", "i.e", "if", "in", "indeed", "into", "is", "it", "its", "itself", "just", "last", "latter", "least", "less", "let", "lets", "like", "made", "make", "makes", "many", "may", "me", "meanwhile", "might", "mine", "more", "moreover", "most", "mostly", "much", "must", "my", "myself", "namely", "neither", "never", "nevertheless", "next", "no", "nobody", "none", "noone", "nor", "not", "nothing", "now", "nowhere", "of", "off", "often", "on", "once", "one", "only", "onto", "or", "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over", "own", "per", "perhaps", "please", "put", "rather", "re", "really", "same", "say", "says", "said", "see", "seem", "seemed", "seeming", "seems", "several", "she", "should", "since", "so", "some", "somehow", "someone", "something", "sometime", "sometimes", "somewhere", "still", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "thence", "there", "thereafter", "thereby", "therefore", "therein", "thereupon", "these", "they", "this", "those", "though", "through", "throughout", "thru", "thus", "to", "together", "too", "toward", "towards", "under", "until", "up", "upon", "us", "use", "used", "uses", "using", "very", "via", "was", "we", "well", "were", "what", "whatever", "when", "whence", "whenever", "where", "whereafter", "whereas", "whereby", "wherein", "whereupon", "wherever", "whether", "which", "while", "whither", "who", "whoever", "whole", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours", "yourself", "yourselves", "i'm", "i've", "i'll", "i'd", "you're", "you've", "you'll", "we're", "we've", "we'll", "they're", "it's", "that's", "there's", "what's", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "can't", "couldn't", "shouldn't", "wouldn't", "let's"]
)

# Words too common in business text to be a useful keyword on their own.
GENERIC_WORDS = frozenset(
    ["able", "across", "add", "added", "adding", "ago", "ahead", "around", "based", "best", "better", "big", "bit", "came", "come", "comes", "coming", "day", "days", "different", "does", "etc", "example", "far", "feel", "find", "found", "give", "given", "go", "goes", "going", "good", "great", "help", "helps", "high", "including", "keep", "kind", "know", "known", "large", "less", "long", "look", "looking", "lot", "lots", "low", "mean", "means", "need", "needed", "needs", "new", "next", "number", "old", "part", "people", "place", "point", "possible", "probably", "quite", "real", "right", "run", "set", "small", "start", "started", "sure", "take", "taken", "takes", "thing", "things", "think", "time", "times", "today", "told", "try", "trying", "two", "three", "four", "five", "way", "ways", "week", "weeks", "went", "work", "works", "worked", "working", "year", "years", "yes", "want", "wants", "wanted", "will", "also", "within", "without", "however"]
)

ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "fig", "approx", "dept", "est", "u.s", "u.k", "a.m", "p.m", "mt", "ft", "al"]
)

BULLET_RE = re.compile(r"^\s*(?:[-*•▪◦‣●○·–—+]|\d{1,2}[.)]|[a-z][.)])\s+")
WORD_RE = re.compile(r"[^\W\d_][\w'’+#.-]*")  # a word starts with a letter of any alphabet ("Øyvind", "Pál")
# "[08:31] Pál: ...", "00:02:41 Pál: ...", "(10:04) Pál: ...": a transcript's timestamp before the speaker.
TIMESTAMP_RE = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:\s*[ap]\.?m\.?)?[\])]?\s*[-–—]?\s*", re.I)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+")
_PREV_WORD = re.compile(r"([\w.]+)[.!?]*[\"'”’)\]]*$")


def words(text: str) -> list[str]:
    """The words in ``text``, with trailing punctuation removed (keeps C++, C#, Node.js)."""
    found = []
    for match in WORD_RE.finditer(text):
        word = match.group().rstrip(".-'’")
        if word:
            found.append(word)
    return found


def content_words(text: str) -> list[str]:
    """Lower-cased words of ``text`` that are neither stopwords nor one-letter words."""
    return [w for w in (w.lower() for w in words(text)) if w not in STOPWORDS and len(w) > 1]


def strip_bullet(line: str) -> str:
    """``line`` without a leading bullet, number or checkbox marker."""
    line = BULLET_RE.sub("", line, count=1)
    return re.sub(r"^\[[ xX]?\]\s*", "", line).strip()


def is_bullet(line: str) -> bool:
    """Whether ``line`` starts with a bullet, a list number or a checkbox."""
    return bool(BULLET_RE.match(line)) or bool(re.match(r"^\s*\[[ xX]?\]\s", line))


def text_units(text: str) -> Iterator[str]:
    """Paragraphs and list items of ``text``, with hard-wrapped lines of a paragraph joined."""
    buffer: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or is_bullet(line) or line.startswith("#"):
            if buffer:
                yield " ".join(buffer)
                buffer = []
            if line:
                if is_bullet(line):
                    buffer = [strip_bullet(line)]
                else:
                    yield line.lstrip("#").strip()
            continue
        if buffer and not continues_line(buffer[-1], line):
            yield " ".join(buffer)
            buffer = []
        buffer.append(line)
        if _looks_like_line_of_its_own(line):
            yield " ".join(buffer)
            buffer = []
    if buffer:
        yield " ".join(buffer)


_LABELLED_LINE = re.compile(r"^(?:@[A-Za-z]|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?\s*(?::\s|\s[-–—]\s))")


def continues_line(previous: str, line: str) -> bool:
    """Whether ``line`` is the rest of ``previous`` wrapped (as in PDFs), not a line of its own."""
    if line[:1].islower():
        return True
    if _LABELLED_LINE.match(line):
        return False  # "Liam: quarantine the tests", "@sofia to ...": a line of notes, not wrapped prose
    return len(previous) >= 55 and not previous.endswith((".", "!", "?", ":", ")"))


def _looks_like_line_of_its_own(line: str) -> bool:
    """A short line without final punctuation is a heading or a label, not wrapped prose."""
    return len(line) < 60 and not line.endswith((".", ",", ";", "-")) and len(line.split()) <= 8


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order; list items and headings count as sentences."""
    sentences: list[str] = []
    for unit in text_units(text):
        start = 0
        for match in _SENTENCE_END.finditer(unit):
            end = match.end()
            before = unit[start : match.start() + 1]
            prev = _PREV_WORD.search(before)
            token = prev.group(1).lower().rstrip(".") if prev else ""
            if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
            if end < len(unit) and not (unit[end].isupper() or unit[end].isdigit() or unit[end] in "\"'“‘(["):
                continue
            sentence = unit[start:end].strip()
            if sentence:
                sentences.append(sentence)
            start = end
        tail = unit[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


def normalise_whitespace(text: str) -> str:
    """Trailing spaces removed, runs of spaces collapsed, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


# "On 5 March 2027, Ben Hart wrote:", "-----Original Message-----": where an email quotes the one it answers
_REPLY_HEADER = re.compile(r"^(?:on\s.{4,200}\swrote:|-{2,}\s*original message\s*-{2,})$", re.I)
_EMAIL_HEADER = re.compile(r"^(?:from|subject|sent|to)\s*:\s*\S", re.I)


def without_quoted_replies(text: str) -> str:
    """An email's own words: the lines it quotes ("> ...") and the message it answers below "On ... wrote:"
    are left out, since they say what someone else wrote earlier. Text that is no email is returned as it is."""
    lines = text.splitlines()
    quoted = [line for line in lines if line.lstrip().startswith(">")]
    header = next((i for i, line in enumerate(lines) if _REPLY_HEADER.match(line.strip())), None)
    is_email = header is not None or any(_EMAIL_HEADER.match(line.strip()) for line in lines[:8])
    if not is_email or (header is None and not quoted):
        return text
    kept = lines[:header] if header is not None else lines
    return "\n".join(line for line in kept if not line.lstrip().startswith(">")).rstrip()
