#!/usr/bin/env python3
"""Writes the hostile inputs of tests/hostile/run-hostile.sh into DIR.

They are generated, not committed: several are large (200 MB) and all are
easy to describe.  'secret.txt' and 'ext.dtd' hold a marker that must never
appear in any output: a parser that follows an external entity or reads an
external DTD would copy it.
"""
import os
import random
import sys

d = sys.argv[1]
os.makedirs(d, exist_ok=True)
big = '--big' in sys.argv


def put(name, data):
    mode = 'wb' if isinstance(data, bytes) else 'w'
    with open(os.path.join(d, name), mode, **({} if mode == 'wb' else {'encoding': 'utf-8'})) as f:
        f.write(data)


MARK = 'TOPSECRET-MARKER-7f3a'
secret = os.path.join(d, 'secret.txt')
put('secret.txt', MARK + '\n')
put('ext.dtd', '<!ENTITY y "%s">\n' % MARK)
dtd = 'file://' + os.path.join(d, 'ext.dtd')

XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
LAUGHS = ('<!ENTITY lol0 "lol">' +
          ''.join('<!ENTITY lol%d "%s">' % (i, ('&lol%d;' % (i - 1)) * 10) for i in range(1, 10)))


def tmx(seg):
    return ('<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" '
            'adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>'
            '<tu><tuv xml:lang="en"><seg>%s</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>'
            '</body></tmx>\n' % seg)


def srx(before):
    return ('<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" '
            'cascade="no"/><body><languagerules><languagerule languagerulename="en">'
            '<rule break="no"><beforebreak>%s</beforebreak><afterbreak>\\s</afterbreak></rule>'
            '</languagerule></languagerules><maprules><languagemap languagepattern=".*" '
            'languagerulename="en"/></maprules></body></srx>\n' % before)


# XML: entity expansion, external entities and DTDs, depth, size
put('laughs.tmx', XML + '<!DOCTYPE tmx [' + LAUGHS + ']>\n' + tmx('&lol9;'))
put('quadratic.tmx', XML + '<!DOCTYPE tmx [<!ENTITY a "%s">]>\n' % ('x' * 100000) + tmx('&a;' * 100000))
put('xxe.tmx', XML + '<!DOCTYPE tmx [<!ENTITY x SYSTEM "file://%s">]>\n' % secret + tmx('a &x; b'))
put('extdtd.tmx', XML + '<!DOCTYPE tmx SYSTEM "%s">\n' % dtd + tmx('a &y; b'))
put('deep.tmx', XML + tmx('<bpt i="1">' * 100000 + 'x' + '</bpt>' * 100000))
put('seg50mb.tmx', XML + tmx('Word. ' * (50 * 1024 * 1024 // 6)))
put('laughs.srx', XML + '<!DOCTYPE srx [' + LAUGHS + ']>\n' + srx('&lol9;'))
put('xxe.srx', XML + '<!DOCTYPE srx [<!ENTITY x SYSTEM "file://%s">]>\n' % secret + srx('&x;'))
put('extdtd.srx', XML + '<!DOCTYPE srx SYSTEM "%s">\n' % dtd + srx('Dr&y;\\.'))
put('deep.srx', XML + '<srx>' + '<a>' * 100000 + '</a>' * 100000 + '</srx>\n')
put('redos.srx', XML + srx('(a+)+b'))
put('deep.html', '<html><body>' + '<div>' * 100000 + 'Hello there. Second sentence.' +
    '</div>' * 100000 + '</body></html>\n')
put('xxe.html', '<!DOCTYPE html [<!ENTITY x SYSTEM "file://%s">]>\n<html><body><p>A &x; b.</p>'
    '</body></html>\n' % secret)
put('laughs.html', '<!DOCTYPE html [' + LAUGHS + ']>\n<html><body><p>A &lol9; b.</p></body></html>\n')

# text
en = 'The quick brown fox jumps over the lazy dog. '
put('nolf20mb.txt', (en * (20 * 1024 * 1024 // len(en) + 1))[:20 * 1024 * 1024])
if big:
    with open(os.path.join(d, 'nolf200mb.txt'), 'w') as f:
        chunk = en * (1024 * 1024 // len(en))
        n = 0
        while n < 200 * 1024 * 1024:
            f.write(chunk)
            n += len(chunk)
put('empty-paras.txt', '\n' * 2000000)
put('empty-paras-text.txt', 'Minsk is the capital. ' + '\n' * 2000000 + 'It has a metro.\n')
put('nul.txt', b'Hello.\x00 World.\n\nSecond\x00\x00 paragraph.\n')
put('nul-rare.txt', ('Обычный текст на русском языке. ' * 2000).encode() + b'\x00' +
    ('Ещё одно предложение. ' * 10).encode())
ru = 'Минский тракторный завод выпустил новый трактор. '
put('bad-utf8.txt', ru.encode() * 50 + b'\xc3 \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xff' +
    ru.encode() * 50)
put('utf16-lone.txt', b'\xff\xfe' + (ru * 20).encode('utf-16-le') + b'\x00\xd8' +
    (ru * 20).encode('utf-16-le'))
put('utf16be-lone.txt', b'\xfe\xff' + (ru * 20).encode('utf-16-be') + b'\xdc\x00' +
    (ru * 20).encode('utf-16-be'))
rnd = random.Random(7)
put('binary.bin', bytes(rnd.getrandbits(8) for _ in range(1 << 20)))
put('longline.txt', 'word ' * (4 * 1024 * 1024) + '\n')

# batch input
put('deep.jsonl', '{"id":"x","source":' + '[' * 100000 + ']' * 100000 + ',"target":"b"}\n')
put('long-request.jsonl', '{"id":"a","source":"' + 'a' * (70 << 20) + '","target":"b"}\n'
    '{"id":"b","source":"Minsk is big.","target":"Минск большой."}\n')
put('manifest-escape.tsv', 'ok\ta.txt\tb.txt\n../../etc/x\ta.txt\tb.txt\n')
put('manifest-binary.tsv', bytes(rnd.getrandbits(8) for _ in range(4096)))
