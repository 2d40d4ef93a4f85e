import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

export interface LoadTarget {
  /** Path and credentials for the n-th request (round robin over tenants). */
  next: () => { path: string; token?: string; headers?: Record<string, string>; body?: string };
  method?: 'GET' | 'POST';
}

/** Drives requests for `seconds` (or `amount` requests) over `connections` keep-alive connections. */
export async function load(
  base: string,
  target: LoadTarget,
  connections: number,
  seconds: number,
  amount?: number,
): Promise<LoadResult> {
  const first = target.next();
  const result = await autocannon({
    url: base,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    requests: [
      {
        method: target.method ?? 'GET',
        path: first.path,
        setupRequest: (req) => {
          const { path, token, headers, body } = target.next();
          return {
            ...req,
            path,
            headers: { ...req.headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
            ...(body === undefined ? {} : { body }),
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}
