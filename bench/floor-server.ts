/**
 * The benchmark's HTTP floor (not part of the product): the least an HTTP service over Neo4j can do per
 * request on this machine. POST a JSON body `{cypher, params}`: it runs that statement as one auto-commit
 * read (as the raw floor and this server do) and answers its records as JSON. No GraphQL, no
 * middleware, no validation: what is left is Node's HTTP, JSON and the driver. Listens on 127.0.0.1:PORT.
 */
import http from 'node:http';
import neo4j from 'neo4j-driver';

const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''), { disableLosslessIntegers: true, notificationFilter: { minimumSeverityLevel: 'OFF' } });

async function answer(body: string): Promise<string> {
  const { cypher, params } = JSON.parse(body) as { cypher: string; params?: Record<string, unknown> };
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(cypher, params ?? {}, { timeout: 30_000 });
    return JSON.stringify({ data: result.records.map((r) => r.toObject()) });
  } finally {
    await session.close();
  }
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    answer(Buffer.concat(chunks).toString('utf8')).then(
      (out) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out),
      (error: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error.message }] })),
    );
  });
});
server.listen(Number(process.env.PORT ?? 4600), '127.0.0.1', () => console.log(`READY http://127.0.0.1:${process.env.PORT ?? 4600}`));
