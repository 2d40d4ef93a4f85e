import type { Tenant } from '@stratum/tenancy';

interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

interface Lane<I, O> {
  tenant: Tenant;
  waiting: Waiting<I, O>[];
  running: boolean;
}

/**
 * Group commit per tenant: what concurrent attempts ask while the tenant's previous batch is in
 * flight waits for it, then goes together in the next one, so N attempts at once cost one unit
 * of work (one transaction) instead of N. A call on an idle tenant goes at once: nothing waits
 * for a timer. Each caller gets its own answer, and every caller of a batch that failed gets its
 * error (the batch is one transaction: nothing of it was written).
 */
export class TenantBatches<I, O> {
  private readonly lanes = new Map<string, Lane<I, O>>();

  /** `flush` answers one output per item, in order. */
  constructor(
    private readonly flush: (tenant: Tenant, items: I[]) => Promise<O[]>,
    private readonly maxBatch: number,
  ) {}

  submit(tenant: Tenant, item: I): Promise<O> {
    let lane = this.lanes.get(tenant.id);
    if (!lane) {
      lane = { tenant, waiting: [], running: false };
      this.lanes.set(tenant.id, lane);
    }
    lane.tenant = tenant;
    const answer = new Promise<O>((resolve, reject) => lane.waiting.push({ item, resolve, reject }));
    if (!lane.running) void this.drain(lane);
    return answer;
  }

  private async drain(lane: Lane<I, O>): Promise<void> {
    lane.running = true;
    while (lane.waiting.length) {
      const batch = lane.waiting.splice(0, this.maxBatch);
      try {
        const out = await this.flush(
          lane.tenant,
          batch.map((w) => w.item),
        );
        batch.forEach((w, i) => w.resolve(out[i]));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    lane.running = false;
    this.lanes.delete(lane.tenant.id);
  }
}
