/**
 * The driver's settings against the real database: reads ask for no notifications. A statement naming a
 * property no node has (as the relation statements name `retired` before anything is retired) comes back
 * with an "unknown property" warning (01N52) from a driver that asks for them, and with none from ours.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverConfig } from '../../src/db/executor.js';
import { TEST_TIMEOUTS, testDriver } from '../support/graph.js';

const STATEMENT = 'MATCH (n:Entity) WHERE n.aPropertyNoNodeHas IS NULL RETURN count(n) AS n';

describe('driver configuration', () => {
  let ours: Driver;
  let asking: Driver;

  beforeAll(() => {
    ours = testDriver();
    const { notificationFilter: _omitted, ...rest } = driverConfig(TEST_TIMEOUTS);
    asking = testDriver(rest);
  });
  afterAll(async () => {
    await ours?.close();
    await asking?.close();
  });

  const warnings = async (driver: Driver) => {
    const { summary } = await driver.executeQuery(STATEMENT, {}, { routing: neo4j.routing.READ });
    return { notifications: summary.notifications.map((n) => n.code), statuses: summary.gqlStatusObjects.map((s) => s.gqlStatus).filter((s) => s !== '00000') };
  };

  it('a driver that asks for notifications gets an unknown-property warning for this statement', async () => {
    const { notifications, statuses } = await warnings(asking);
    expect(notifications).toContain('Neo.ClientNotification.Statement.UnknownPropertyKeyWarning');
    expect(statuses).toContain('01N52');
  });

  it("this server's driver gets no notification for it", async () => {
    expect(await warnings(ours)).toEqual({ notifications: [], statuses: [] });
  });
});
