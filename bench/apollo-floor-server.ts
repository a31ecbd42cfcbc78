/**
 * The benchmark's Apollo floor (not part of the product): the least a GraphQL server on Apollo Server 5, the
 * server this project is built on, can do per request. One field, `raw(cypher, params)`, runs the raw
 * statement as one auto-commit read (as the raw floor and the HTTP floor do) and answers its records as one
 * JSON string: no types to resolve, no fields but one, no planning, no checks or limits, Apollo's standalone
 * HTTP server. An API on Apollo Server that answers typed fields does this much and more per request; only
 * its HTTP handling can be lighter than the standalone server's (this API's is: it answers entity by id
 * about as fast). Listens on 127.0.0.1:PORT.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import neo4j from 'neo4j-driver';

const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''), { disableLosslessIntegers: true, notificationFilter: { minimumSeverityLevel: 'OFF' } });

const typeDefs = `#graphql
  type Query {
    "The records of one read statement, as a JSON array of objects."
    raw(cypher: String!, params: String): String!
  }
`;

const resolvers = {
  Query: {
    raw: async (_root: unknown, args: { cypher: string; params?: string | null }) => {
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        const result = await session.run(args.cypher, args.params ? (JSON.parse(args.params) as Record<string, unknown>) : {}, { timeout: 30_000 });
        return JSON.stringify(result.records.map((r) => r.toObject()));
      } finally {
        await session.close();
      }
    },
  },
};

const server = new ApolloServer({ typeDefs, resolvers, introspection: false });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT ?? 4700), host: '127.0.0.1' } });
console.log(`READY ${url}`);
