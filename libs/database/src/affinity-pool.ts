import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { createHash } from 'node:crypto';
import { Pool, PoolClient, PoolConfig } from 'pg';

const affinity = new AsyncLocalStorage<string>();

/**
 * Runs `fn` (which takes a connection from a pool, synchronously or not) asking for a connection
 * that serves `key` (a tenant) by preference; see AffinityPool.
 */
export function withConnectionAffinity<T>(key: string, fn: () => T): T {
  return affinity.run(key, fn);
}

export interface AffinityPoolConfig extends PoolConfig {
  /**
   * Connections are closed (when they go back to the pool) once they have served this many
   * distinct affinity keys (tenants); 0 or absent: no bound.
   */
  maxKeysPerConnection?: number;
  /**
   * How long a tenant's work waits for its own connection to come free before it takes any free
   * one (default 50 ms). Work of a tenant whose own connection is busy with that same tenant
   * does not wait: a busy tenant spreads over the free connections.
   */
  spillAfterMs?: number;
}

type Callback = (err: Error | undefined, client?: PoolClient, release?: (err?: Error | boolean) => void) => void;

interface Waiter {
  key?: string;
  /** The preferred lane; -1 for work without a key. */
  home: number;
  /** From this time on, the waiter takes any free lane. */
  spillAt: number;
  done: Callback;
  timer?: NodeJS.Timeout;
}

/** Raised to retire a connection that has served `maxKeysPerConnection` tenants. */
class Retired extends Error {
  constructor() {
    super('connection retired: it has served its maximum number of tenants');
  }
}

/**
 * A pg Pool (same interface, same options, same events) whose connections each prefer a share of
 * the tenants. PostgreSQL keeps, per backend, the catalogue entries of every schema the backend
 * has touched: a tenant served by a backend that has never seen its schema pays for reading its
 * relations from the catalogue again (about ten times the cost of the query itself with thousands
 * of schemas), and a backend that serves every tenant grows its cache with all of them.
 *
 * So the pool is made of one-connection lanes, and a tenant's unit of work (run under
 * withConnectionAffinity) goes to its home lane (a hash of the tenant). When that one is busy with
 * other tenants' work, it waits for it, but no longer than `spillAfterMs`: then it takes any free
 * lane (delay scheduling). When it is busy with the same tenant, or that tenant's work is already
 * waiting for it, the work takes any free lane at once, so a busy tenant is not serialised on one
 * connection (and ends up warm on several). A lane that comes free goes to the oldest work homed
 * there, else to the oldest work that may spill. Each backend thus mostly serves its own 1/max
 * of the tenants and keeps them warm;
 * connections close after serving `maxKeysPerConnection` distinct tenants, which bounds their
 * memory whatever the spill. Work without a key (platform, scripts) takes any free lane at once.
 */
export class AffinityPool extends EventEmitter {
  readonly options: AffinityPoolConfig & { max: number; maxUses: number };
  private readonly lanes: Pool[];
  private readonly queue: Waiter[] = [];
  private readonly served = new WeakMap<PoolClient, Set<string>>();
  private readonly spillAfterMs: number;
  /** The key each lane's connection is serving right now. */
  private readonly laneKeys: (string | undefined)[];
  private spillTimer?: NodeJS.Timeout;
  ending = false;
  ended = false;
  /** Tenant work served by its own connection, and by another one. */
  readonly affinity = { home: 0, elsewhere: 0 };

  constructor(config: AffinityPoolConfig = {}) {
    super();
    const max = config.max ?? 10;
    this.options = { ...config, max, maxUses: config.maxUses ?? Infinity };
    this.spillAfterMs = config.spillAfterMs ?? 50;
    this.laneKeys = new Array(max).fill(undefined);
    this.lanes = Array.from({ length: max }, () => {
      const lane = new Pool({ ...config, max: 1 });
      for (const event of ['connect', 'acquire', 'remove', 'release'] as const) {
        lane.on(event, (...args: unknown[]) => {
          this.emit(event, ...args);
          if (event === 'release' || event === 'remove') process.nextTick(() => this.drain());
        });
      }
      lane.on('error', (err, client) => this.emit('error', err, client));
      return lane;
    });
  }

  get totalCount(): number {
    return this.lanes.reduce((n, lane) => n + lane.totalCount, 0);
  }

  get idleCount(): number {
    return this.lanes.reduce((n, lane) => n + lane.idleCount, 0);
  }

  get waitingCount(): number {
    return this.queue.length + this.lanes.reduce((n, lane) => n + lane.waitingCount, 0);
  }

  /** The lane serving `key` by preference. */
  homeOf(key: string): number {
    return createHash('sha1').update(key).digest().readUInt32BE(0) % this.lanes.length;
  }

  connect(): Promise<PoolClient>;
  connect(cb: Callback): void;
  connect(cb?: Callback): Promise<PoolClient> | void {
    if (!cb) {
      return new Promise((resolve, reject) => this.connect((err, client) => (err ? reject(err) : resolve(client!))));
    }
    if (this.ending) return cb(new Error('Cannot use a pool after calling end on the pool'));
    const key = affinity.getStore();
    const now = Date.now();
    const waiter: Waiter = {
      key,
      home: key === undefined ? -1 : this.homeOf(key),
      spillAt: key === undefined ? now : now + this.spillAfterMs,
      done: cb,
    };
    const timeout = this.options.connectionTimeoutMillis;
    if (timeout) {
      waiter.timer = setTimeout(() => {
        const at = this.queue.indexOf(waiter);
        if (at < 0) return;
        this.queue.splice(at, 1);
        cb(new Error('timeout exceeded when trying to connect'));
      }, timeout);
    }
    this.queue.push(waiter);
    this.drain();
  }

  async query(...args: Parameters<Pool['query']>): Promise<unknown> {
    const client = await this.connect();
    try {
      return await (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
    } finally {
      client.release();
    }
  }

  end(cb?: (err?: Error) => void): Promise<void> | void {
    this.ending = true;
    clearTimeout(this.spillTimer);
    for (const waiter of this.queue.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.done(new Error('Cannot use a pool after calling end on the pool'));
    }
    const ended = Promise.all(this.lanes.map((lane) => lane.end())).then(() => {
      this.ended = true;
    });
    if (!cb) return ended;
    ended.then(() => cb(), cb);
  }

  private isFree(lane: Pool): boolean {
    return !lane.waitingCount && (lane.idleCount > 0 || lane.totalCount === 0);
  }

  /**
   * Hands free lanes to waiters: each free lane to the oldest waiter homed there, else to the
   * oldest waiter past its spill time (an idle connection before one still to open); wakes up
   * again when the next waiter's spill time comes while lanes are free.
   */
  private drain(): void {
    if (!this.queue.length) return;
    const now = Date.now();
    const free = this.lanes.map((lane, i) => (this.isFree(lane) ? i : -1)).filter((i) => i >= 0);
    if (!free.length) return;
    const left = new Set(free);
    for (const i of free) {
      const at = this.queue.findIndex((w) => w.home === i);
      if (at < 0) continue;
      this.serve(this.queue.splice(at, 1)[0], i);
      left.delete(i);
    }
    // Idle connections first: they cost nothing to take.
    const spare = [...left].sort((a, b) => this.lanes[b].idleCount - this.lanes[a].idleCount);
    const mayGoElsewhere = (w: Waiter, at: number) =>
      w.spillAt <= now ||
      (w.key !== undefined && (this.laneKeys[w.home] === w.key || this.queue.slice(0, at).some((x) => x.key === w.key)));
    for (const i of spare) {
      const at = this.queue.findIndex(mayGoElsewhere);
      if (at < 0) break;
      this.serve(this.queue.splice(at, 1)[0], i);
      left.delete(i);
    }
    if (left.size && this.queue.length && !this.spillTimer) {
      const wake = Math.max(1, Math.min(...this.queue.map((w) => w.spillAt)) - now);
      this.spillTimer = setTimeout(() => {
        this.spillTimer = undefined;
        this.drain();
      }, wake);
    }
  }

  /** Gives the waiter the connection of lane `index`. */
  private serve(waiter: Waiter, index: number): void {
    const lane = this.lanes[index];
    clearTimeout(waiter.timer);
    if (waiter.home >= 0) this.affinity[waiter.home === index ? 'home' : 'elsewhere'] += 1;
    this.laneKeys[index] = waiter.key;
    lane.connect((err, client, release) => {
      if (err || !client) {
        this.laneKeys[index] = undefined;
        waiter.done(err ?? new Error('no connection'));
        return this.drain();
      }
      const key = waiter.key;
      const limit = this.options.maxKeysPerConnection;
      let keys = this.served.get(client);
      if (key !== undefined && limit) {
        if (!keys) this.served.set(client, (keys = new Set()));
        keys.add(key);
      }
      let released = false;
      const done = (releaseErr?: Error | boolean) => {
        if (released) return release(releaseErr);
        released = true;
        this.laneKeys[index] = undefined;
        if (!releaseErr && limit && keys && keys.size >= limit) {
          this.emit('retire', client);
          return release(new Retired());
        }
        release(releaseErr);
      };
      client.release = done;
      waiter.done(undefined, client, done);
    });
  }
}
