/** The name of the cluster DATABASE_URL points at: it holds the platform schema and is always there. */
export const MAIN_CLUSTER = 'main';

const CLUSTER_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

/**
 * Parses DATABASE_CLUSTERS, `name=postgres://…[,name=postgres://…]`, into URLs by cluster name.
 * A URL's own commas (rare) must be percent-encoded. Throws on anything malformed.
 */
export function parseClusterList(value: string | undefined): Record<string, string> {
  const clusters: Record<string, string> = {};
  if (!value?.trim()) return clusters;
  for (const entry of value.split(',')) {
    const at = entry.indexOf('=');
    const name = entry.slice(0, at).trim();
    const url = entry.slice(at + 1).trim();
    if (at < 1 || !CLUSTER_NAME.test(name)) throw new Error(`invalid cluster name in "${entry.trim()}"`);
    if (name === MAIN_CLUSTER) throw new Error('"main" is DATABASE_URL and cannot be listed');
    if (clusters[name]) throw new Error(`cluster ${name} is listed twice`);
    if (!/^postgres(ql)?:\/\/\S+$/.test(url)) throw new Error(`cluster ${name} needs a postgres:// URL`);
    clusters[name] = url;
  }
  return clusters;
}
