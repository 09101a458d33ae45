/**
 * A real HTTP server on 127.0.0.1 for download tests: serves files with ETag and Range support and can
 * misbehave the ways real servers and networks do (404, a corrupt or truncated file, a dropped connection,
 * a stall, a slow link, no Range support). Tests only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour = {
  body: Uint8Array;
  /** answer Range requests with 206 (default true) */
  honourRange?: boolean;
  /** destroy the socket after this many body bytes, for the first `dropTimes` responses */
  dropAfter?: number;
  dropTimes?: number;
  /** stop sending (but keep the connection open) after this many body bytes */
  stallAfter?: number;
  /** bytes per write and pause between writes (a slow link) */
  chunkBytes?: number;
  pauseMs?: number;
  /** answer with this status and no body */
  status?: number;
};

export type SeenRequest = { path: string; range: string | undefined; ifRange: string | undefined };

export type LoopbackServer = {
  /** base URL ending in `/models/` */
  baseUrl: string;
  serve(fileName: string, behaviour: Behaviour): void;
  requests: SeenRequest[];
  close(): Promise<void>;
};

const etagOf = (b: Behaviour) => `"len-${b.body.length}-${b.body[100] ?? 0}"`;

function startAt(req: IncomingMessage, b: Behaviour): number {
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (!m || b.honourRange === false) return 0;
  const ifRange = req.headers['if-range'];
  if (ifRange !== undefined && ifRange !== etagOf(b)) return 0;
  return Number(m[1]) < b.body.length ? Number(m[1]) : 0;
}

function send(req: IncomingMessage, res: ServerResponse, b: Behaviour, drop: boolean): void {
  const start = startAt(req, b);
  const headers: Record<string, string> = {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(b.body.length - start),
    ETag: etagOf(b),
    'Accept-Ranges': b.honourRange === false ? 'none' : 'bytes',
  };
  if (start > 0) headers['Content-Range'] = `bytes ${start}-${b.body.length - 1}/${b.body.length}`;
  res.writeHead(start > 0 ? 206 : 200, headers);
  const body = b.body.subarray(start);
  const chunk = b.chunkBytes ?? 64 * 1024;
  let sent = 0;
  let gone = false;
  req.on('close', () => (gone = true));
  const pump = () => {
    while (!gone && sent < body.length) {
      if (drop && b.dropAfter !== undefined && sent >= b.dropAfter) {
        // let the bytes sent so far reach the client first, as on a link that breaks mid-body
        return void setTimeout(() => res.socket?.destroy(), 30);
      }
      if (b.stallAfter !== undefined && sent >= b.stallAfter) return; // hold the connection, send nothing
      const dropAt = drop && b.dropAfter !== undefined ? b.dropAfter : Infinity;
      const end = Math.min(body.length, sent + chunk, dropAt, b.stallAfter ?? Infinity);
      res.write(body.subarray(sent, end));
      sent = end;
      if (b.pauseMs) return void setTimeout(pump, b.pauseMs);
    }
    if (!gone && sent >= body.length) res.end();
  };
  pump();
}

/** Starts the server on an ephemeral loopback port. */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const files = new Map<string, Behaviour & { drops: number }>();
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ path, range: req.headers.range, ifRange: req.headers['if-range'] as string | undefined });
    const name = decodeURIComponent(path.replace(/^\/models\//, ''));
    const b = files.get(name);
    if (!b || b.status) {
      res.writeHead(b?.status ?? 404, { 'Content-Type': 'text/plain' }).end('not here');
      return;
    }
    const drop = b.drops < (b.dropTimes ?? 0);
    if (drop) b.drops++;
    send(req, res, b, drop);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/models/`,
    serve: (fileName, behaviour) => files.set(fileName, { ...behaviour, drops: 0 }),
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
