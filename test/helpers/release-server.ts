import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipSync } from 'fflate';
import { fixture } from './fixtures.js';

/** The hand-made fixture release packed as the CDC packs it: an order-file zip and a table-and-index zip. */
export function fixtureReleaseZips(): { order: Uint8Array; tables: Uint8Array } {
  const read = (name: string): Uint8Array => readFileSync(fixture('icd10cm', name));
  return {
    order: zipSync({ 'icd10cm-order-2099.txt': read('icd10cm-order-2099.txt') }),
    tables: zipSync({
      'Table and Index/icd10cm_tabular_2098.xml': read('icd10cm_tabular_2098.xml'),
      'Table and Index/icd10cm_index_2098.xml': read('icd10cm_index_2098.xml'),
      'Table and Index/icd10cm-neoplasm-2099.xml': read('icd10cm-neoplasm-2099.xml'),
      'Table and Index/icd10cm-drug-2099.xml': read('icd10cm-drug-2099.xml'),
    }),
  };
}

/** A local HTTP server standing in for the CDC site. `routes` maps a path to a body or a handler. */
export interface ReleaseServer {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/** Route behaviour: a body served whole, or `truncate` (announce more bytes than sent, then hang up). */
export type Route = Uint8Array | { truncate: Uint8Array } | { status: number };

/** Starts a {@link ReleaseServer} on a free loopback port. */
export async function startReleaseServer(routes: Record<string, Route>): Promise<ReleaseServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? '/');
    requests.push(path);
    const route = routes[path];
    if (route === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    if ('status' in route) {
      res.writeHead(route.status).end();
      return;
    }
    if ('truncate' in route) {
      res.writeHead(200, { 'content-length': String(route.truncate.length * 2) });
      res.write(route.truncate);
      setTimeout(() => res.destroy(), 20);
      return;
    }
    res.writeHead(200, {
      'content-length': String(route.length),
      'content-type': 'application/zip',
    });
    res.end(route);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
