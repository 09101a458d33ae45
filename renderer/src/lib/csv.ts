/**
 * CSV as RFC 4180 writes it: comma-separated, CRLF line ends, a field quoted when it holds a comma, a
 * quote, a line break or leading/trailing spaces, quotes inside doubled. Spreadsheets and Python's `csv`
 * module read it back unchanged.
 */

export type CsvValue = string | number | boolean | null | undefined;

/** One field, quoted only when it must be. Numbers keep full precision (`String(x)`); null is empty. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? numberText(value) : String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function numberText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return String(n);
}

/** A whole table: the header row, then one row per record, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  for (const [i, row] of rows.entries()) {
    if (row.length !== header.length) {
      throw new RangeError(`row ${i} has ${row.length} fields, the header ${header.length}`);
    }
  }
  return [header, ...rows].map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF line ends) into rows of strings.
 * The inverse of {@link toCsv}, for tests and for reading back exported files.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rows.push([...row, field]);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** One prediction of one image, as exported. */
export type PredictionRecord = {
  image: string;
  model: string;
  rank: number;
  index: number;
  label: string;
  probability: number;
  logit: number | null;
};

export const PREDICTION_COLUMNS = ['image', 'model', 'rank', 'class_index', 'label', 'probability', 'logit'];

/** Predictions as CSV, one row per (image, rank). */
export function predictionsCsv(records: readonly PredictionRecord[]): string {
  return toCsv(
    PREDICTION_COLUMNS,
    records.map((r) => [r.image, r.model, r.rank, r.index, r.label, r.probability, r.logit]),
  );
}
