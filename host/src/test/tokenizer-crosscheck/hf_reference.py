# Independent re-statement (from the algorithm, not the code) of BERT's BasicTokenizer + WordPiece (do_lower_case=True:
# each whitespace-separated word lowercased with str.lower(), whose final-sigma rule turns a word-final capital sigma
# into the final form), used to cross-check WordPieceTokenizer. Writes inputs.jsonl and expected.jsonl to the working folder;
# CompareWithReference.java then compares. Needs ASKPAGE_SHARED_DATA (default ../shared/data).
# It also writes categories.json (this Python's general category of every code point used) so that the comparison can
# tell Unicode-version differences (Python's unicodedata vs the JDK's Character data) from real ones.
import unicodedata, json, os, sys, random
SHARED = os.environ.get('ASKPAGE_SHARED_DATA', '../shared/data')
vocab = {}
for i, line in enumerate(open(SHARED + '/bert-base-uncased-vocab.txt', encoding='utf-8').read().split('\n')):
    if line or i < 30522: vocab.setdefault(line, i); vocab[line] = i
def is_ws(ch): return ch in ' \t\n\r' or unicodedata.category(ch) == 'Zs'
def is_ctrl(ch): return ch not in '\t\n\r' and unicodedata.category(ch).startswith('C')
def is_punc(ch):
    cp = ord(ch)
    return 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 or unicodedata.category(ch).startswith('P')
def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)
def basic(text):
    out = []
    for c in text:
        if ord(c) == 0 or ord(c) == 0xFFFD or is_ctrl(c): continue
        out.append(' ' if is_ws(c) else c)
    text = ''.join(' ' + c + ' ' if is_cjk(ord(c)) else c for c in out)
    text = unicodedata.normalize('NFC', text)
    split = []
    for tok in text.split():
        tok = tok.lower()  # per word: 'ΟΔΟΣ' -> 'οδος' (final sigma), as in BERT's tokenization.py
        tok = ''.join(c for c in unicodedata.normalize('NFD', tok) if unicodedata.category(c) != 'Mn')
        cur = []
        for c in tok:
            if is_punc(c):
                if cur: split.append(''.join(cur)); cur = []
                split.append(c)
            else: cur.append(c)
        if cur: split.append(''.join(cur))
    return ' '.join(split).split()
def wordpiece(word):
    if len(word) > 100: return ['[UNK]']
    start, subs = 0, []
    while start < len(word):
        end, cur = len(word), None
        while start < end:
            s = word[start:end]
            if start > 0: s = '##' + s
            if s in vocab: cur = s; break
            end -= 1
        if cur is None: return ['[UNK]']
        subs.append(cur); start = end
    return subs
def tokenize(text): return [p for w in basic(text) for p in wordpiece(w)]
if __name__ == '__main__':
    texts = []
    for f in ['dev-v1.1.json', 'dev-v2.0.json']:
        for a in json.load(open(SHARED + '/squad/' + f))['data']:
            for p in a['paragraphs']:
                texts.append(p['context'])
                texts.extend(q['question'] for q in p['qas'])
    rnd = random.Random(5)
    pool = [chr(c) for c in list(range(0x20, 0x3000)) + list(range(0xAC00, 0xAC40)) + list(range(0x4E00, 0x4E40))
            + list(range(0xF8F0, 0xFB10)) + list(range(0xFE00, 0xFFFF)) + list(range(0x1F300, 0x1F700)) + list(range(0x10400, 0x10450))]
    pool += list(' \t\n\u00a0\u2028\u200b\u200d\u0301\u0345İΣß') * 20
    for n in range(20000):
        texts.append(''.join(rnd.choice(pool) for _ in range(rnd.randint(1, 40))))
    texts = [t for t in texts if not any(0xD800 <= ord(c) <= 0xDFFF for c in t)]
    with open('inputs.jsonl', 'w', encoding='utf-8') as f:
        for t in texts: f.write(json.dumps(t) + '\n')
    with open('expected.jsonl', 'w', encoding='utf-8') as f:
        for t in texts: f.write(json.dumps(tokenize(t), ensure_ascii=False) + '\n')
    used = sorted({ord(c) for t in texts for c in t})
    with open('categories.json', 'w') as f:
        json.dump({'unidata_version': unicodedata.unidata_version,
                   'categories': {str(c): unicodedata.category(chr(c)) for c in used}}, f)
    print(len(texts), 'texts; unicodedata', unicodedata.unidata_version)
