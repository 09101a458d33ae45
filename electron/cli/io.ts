/** Where a command writes: stdout for results, stderr for notes and warnings (so stdout stays parseable). */
export type Io = { out(text: string): void; err(text: string): void };

/** The process's streams, each call one line-terminated write. */
export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};
