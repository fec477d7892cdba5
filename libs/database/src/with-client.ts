import { Client } from 'pg';

/**
 * Runs `fn` on a connection of its own to `url` (no pool), and closes it afterwards whether `fn`
 * succeeded or threw: for one-off statements of tools and the benchmark (creating a database,
 * reading a setting), not for a service's queries (those go through its pooled data source).
 */
export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
