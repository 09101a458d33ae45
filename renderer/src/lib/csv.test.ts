import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, predictionsCsv, toCsv } from './csv';

describe('csvField', () => {
  it('leaves plain fields alone and quotes the ones RFC 4180 says must be quoted', () => {
    expect(csvField('cat')).toBe('cat');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(null)).toBe('');
    expect(csvField('tabby, tabby cat')).toBe('"tabby, tabby cat"');
    expect(csvField('the "best" dog')).toBe('"the ""best"" dog"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(-Infinity)).toBe('-inf');
  });

  it('keeps full float precision', () => {
    expect(Number(csvField(0.1 + 0.2))).toBe(0.1 + 0.2);
    expect(csvField(Math.fround(0.8765432))).toBe(String(Math.fround(0.8765432)));
  });
});

describe('toCsv / parseCsv', () => {
  it('writes CRLF lines and reads back exactly what was written', () => {
    const rows = [
      ['a,b', 1, 'x"y'],
      ['multi\r\nline', 2.5, ''],
      ['', -3, 'plain'],
    ];
    const text = toCsv(['name', 'n', 'note'], rows);
    expect(text.startsWith('name,n,note\r\n"a,b",1,"x""y"\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([['name', 'n', 'note'], ...rows.map((r) => r.map(String))]);
  });

  it('refuses rows that do not fit the header', () => {
    expect(() => toCsv(['a', 'b'], [['only one']])).toThrow(/row 0 has 1 fields/);
  });
});

describe('predictionsCsv', () => {
  it('has one row per prediction under a fixed header', () => {
    const text = predictionsCsv([
      { image: 'a, b.png', model: 'ResNet-20', rank: 1, index: 3, label: 'cat', probability: 0.75, logit: 2 },
      {
        image: 'a, b.png',
        model: 'ResNet-20',
        rank: 2,
        index: 5,
        label: 'dog',
        probability: 0.25,
        logit: null,
      },
    ]);
    expect(parseCsv(text)).toEqual([
      ['image', 'model', 'rank', 'class_index', 'label', 'probability', 'logit'],
      ['a, b.png', 'ResNet-20', '1', '3', 'cat', '0.75', '2'],
      ['a, b.png', 'ResNet-20', '2', '5', 'dog', '0.25', ''],
    ]);
  });
});
