import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import selfsigned from 'selfsigned';

/** A throwaway self-signed certificate (its own CA) for https://localhost and 127.0.0.1, valid a day. */
export async function localhostCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * Makes this process's default HTTPS agent trust `cert` besides the system's authorities (the
 * stand-in for NODE_EXTRA_CA_CERTS, which cannot be set once the process runs). Answers the undo.
 */
export function trustInProcess(cert: string): () => void {
  const previous = https.globalAgent;
  https.globalAgent = new https.Agent({ keepAlive: false, ca: [...tls.rootCertificates, cert] });
  return () => {
    https.globalAgent = previous;
  };
}

/** An HTTPS server on https://localhost:<port> that this process trusts until it is closed. */
export interface LocalHttps {
  origin: string;
  /** Its certificate (PEM), the CA a client must trust. */
  cert: string;
  close(): Promise<void>;
}

/** Serves `handle` over HTTPS with a throwaway certificate, trusted by this process's default agent. */
export async function serveLocalHttps(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalHttps> {
  const pems = await localhostCertificate();
  const server = https.createServer(pems, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const untrust = trustInProcess(pems.cert);
  return {
    origin: `https://localhost:${(server.address() as AddressInfo).port}`,
    cert: pems.cert,
    close: async () => {
      untrust();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
