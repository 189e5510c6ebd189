import { describe, it, expect } from 'vitest';
import { parseArxivId } from './ids.js';

describe('parseArxivId', () => {
  it.each([
    // new style: 4 digits after the dot until 2014-12, 5 since 2015-01
    ['2509.17458', '2509.17458', null],
    ['0704.0001', '0704.0001', null],
    ['2509.17458v2', '2509.17458', 2],
    ['2509.17458v12', '2509.17458', 12],
    ['  2509.17458v1\n', '2509.17458', 1],
    // old style: archive(.SUBJECT)/YYMMNNN
    ['hep-th/9901001', 'hep-th/9901001', null],
    ['hep-th/9901001v3', 'hep-th/9901001', 3],
    ['math.GT/0309136', 'math.GT/0309136', null],
    // arXiv: prefix, any case
    ['arXiv:2509.17458v3', '2509.17458', 3],
    ['ARXIV:2509.17458', '2509.17458', null],
    ['arxiv:math.GT/0309136v1', 'math.GT/0309136', 1],
    // abs and pdf URLs
    ['https://arxiv.org/abs/2509.17458', '2509.17458', null],
    ['http://arxiv.org/abs/2509.17458v2', '2509.17458', 2],
    ['https://export.arxiv.org/abs/hep-th/9901001', 'hep-th/9901001', null],
    ['https://arxiv.org/abs/math.GT/0309136v2', 'math.GT/0309136', 2],
    ['https://arxiv.org/pdf/2509.17458v1', '2509.17458', 1],
    ['https://arxiv.org/pdf/2509.17458v1.pdf', '2509.17458', 1],
    ['https://arxiv.org/pdf/hep-th/9901001.pdf', 'hep-th/9901001', null],
  ])('%j -> %s version %s', (raw, id, version) => {
    expect(parseArxivId(raw)).toEqual({ id, version });
  });

  it.each([
    ['', 'empty'],
    ['not-an-id', 'a word (from test/fixtures/bad/mixed-bad.jsonl)'],
    ['2509.174', 'too few digits after the dot'],
    ['2509.174581', 'too many digits after the dot'],
    ['25091.7458', 'five digits before the dot'],
    ['2509.17458v', 'v without a number'],
    ['2509.17458 v2', 'space before the version'],
    ['hep-th/990100', 'old style with six digits'],
    ['HEP-TH/9901001', 'upper-case archive'],
    ['hep-th9901001', 'old style without the slash'],
    ['10.1103/PhysRevD.76.013009', 'a DOI'],
    ['https://arxiv.org/list/cs.CV/new', 'a listing page'],
    ['https://example.org/abs/2509.17458', 'another host'],
    ['arXiv:', 'prefix only'],
  ])('%j is invalid (%s)', (raw) => {
    expect(parseArxivId(raw)).toBeUndefined();
  });
});
