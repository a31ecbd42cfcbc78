/** The benchmark peer: @neo4j/graphql over the same database (NEO4J_URI), on PORT. Not part of the product. */
import fs from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';

const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''));
const typeDefs = fs.readFileSync(new URL('./peer-schema.graphql', import.meta.url), 'utf8');
// String range filters (gte/lte) are opt-in: operation 8 compares ISO date strings.
const schema = await new Neo4jGraphQL({ typeDefs, driver, features: { filters: { String: { GT: true, GTE: true, LT: true, LTE: true } } } }).getSchema();
const server = new ApolloServer({ schema, introspection: true });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT ?? 4500), host: '127.0.0.1' } });
console.log(`READY ${url}`);
