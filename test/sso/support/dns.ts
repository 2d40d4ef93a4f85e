import dns2 from 'dns2';
import type { AddressInfo } from 'node:net';

const { Packet } = dns2;

/**
 * A DNS server on 127.0.0.1 and a free UDP port, authoritative for whatever the test says:
 * TXT records by name, names that exist without TXT records (NODATA), names it never answers
 * (a timeout). Every other name is NXDOMAIN. The API under test reaches it through DNS_SERVERS.
 */
export class TestDns {
  private readonly txt = new Map<string, string[]>();
  private readonly empty = new Set<string>();
  private readonly silent = new Set<string>();

  private constructor(
    private readonly server: ReturnType<typeof dns2.createUDPServer>,
    /** `127.0.0.1:<port>`, as DNS_SERVERS takes it. */
    readonly address: string,
  ) {}

  static async start(): Promise<TestDns> {
    const server = dns2.createUDPServer();
    await server.listen(0, '127.0.0.1');
    const { port } = server.address() as AddressInfo;
    const dns = new TestDns(server, `127.0.0.1:${port}`);
    server.on('request', (request, send) => {
      void dns.answer(request, send);
    });
    return dns;
  }

  /** Publishes TXT records at `name` (replacing what was there). */
  setTxt(name: string, values: string[]): void {
    this.txt.set(name.toLowerCase(), values);
  }

  /** `name` exists but holds no TXT record. */
  setEmpty(name: string): void {
    this.empty.add(name.toLowerCase());
  }

  /** Questions about `name` get no answer at all. */
  setSilent(name: string): void {
    this.silent.add(name.toLowerCase());
  }

  remove(name: string): void {
    this.txt.delete(name.toLowerCase());
    this.empty.delete(name.toLowerCase());
    this.silent.delete(name.toLowerCase());
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(
    request: InstanceType<typeof Packet>,
    send: (response: InstanceType<typeof Packet>) => Promise<Buffer>,
  ): Promise<void> {
    const [question] = request.questions;
    const name = question?.name.toLowerCase() ?? '';
    if (this.silent.has(name)) return;
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    const values = this.txt.get(name);
    if (values && question.type === Packet.TYPE.TXT) {
      for (const data of values) {
        response.answers.push(Packet.createResourceFromQuestion(question, { type: Packet.TYPE.TXT, ttl: 1, data }));
      }
    } else if (!values && !this.empty.has(name)) {
      response.header.rcode = Packet.RCODE.NXDOMAIN;
    }
    await send(response).catch(() => undefined);
  }
}
