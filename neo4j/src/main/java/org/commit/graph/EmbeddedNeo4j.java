package org.commit.graph;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with only its Bolt connector, for local use and tests.
 *
 * <p>Authentication is always on: the launcher passes the password of the {@code neo4j} user in
 * {@code NEO4J_PASSWORD} (at least 8 characters) and it is set, without a forced change, at every start.
 *
 * <p>Contract with the Node launcher (src/db/embedded.ts): configuration comes from the environment;
 * one line {@code READY bolt://host:port} on stdout once Bolt accepts connections; a line starting with
 * {@code ERROR} on stderr and a non-zero exit when it cannot start. The process stops cleanly on
 * SIGTERM/SIGINT (shutdown hook) and also when its stdin closes, so a parent that dies without
 * signalling never leaves an orphan JVM.
 */
public final class EmbeddedNeo4j {
    private static final int EXIT_PORT_TAKEN = 3;
    private static final int EXIT_START_FAILED = 2;

    private EmbeddedNeo4j() {}

    public static void main(String[] args) {
        String host = env("NEO4J_EMBEDDED_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("NEO4J_EMBEDDED_PORT", "7687"));
        Path dataDir = Path.of(env("NEO4J_DATA_DIR", ".data/neo4j")).toAbsolutePath();
        String pageCache = env("NEO4J_PAGECACHE", "512m");
        String txTimeout = env("NEO4J_TX_TIMEOUT", "30s");
        String txMemoryMax = env("NEO4J_TX_MEMORY_MAX", "1g");
        String pluginDir = System.getenv("NEO4J_PLUGIN_DIR");
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("ERROR NEO4J_PASSWORD must be set to at least 8 characters: authentication is always on.");
            System.exit(EXIT_START_FAILED);
        }

        if (!portIsFree(host, port)) {
            System.err.println("ERROR Bolt port " + host + ":" + port
                    + " is already in use; set NEO4J_EMBEDDED_PORT to a free port.");
            System.exit(EXIT_PORT_TAKEN);
        }

        DatabaseManagementService dbms;
        try {
            Files.createDirectories(dataDir);
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(dataDir)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    // No lock-out after failed logins: it locks the user, so any local process could lock
                    // the service itself out; the password (random, 192 bits, or at least 8 characters)
                    // is what keeps others out.
                    .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.parse(txMemoryMax))
                    .setConfig(GraphDatabaseSettings.transaction_timeout, parseDuration(txTimeout))
                    .setConfig(GraphDatabaseSettings.logs_directory, dataDir.resolve("logs"))
                    .setConfig(GraphDatabaseSettings.udc_enabled, false);
            if (pluginDir != null && !pluginDir.isBlank()) {
                builder.setConfig(GraphDatabaseSettings.plugin_dir, Path.of(pluginDir).toAbsolutePath())
                        .setConfig(GraphDatabaseSettings.procedure_unrestricted, java.util.List.of("apoc.*"));
            }
            dbms = builder.build();
            // The system database holds the users; the embedded API runs with full rights, so this sets the
            // password whatever it was before (first start: Neo4j's default, which must be changed).
            setPassword(dbms, password);
            // Opening the default database forces recovery/creation before we say READY.
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        } catch (Throwable t) {
            System.err.println("ERROR Neo4j failed to start: " + rootMessage(t)
                    + " (see " + dataDir.resolve("logs").resolve("debug.log") + ")");
            System.exit(EXIT_START_FAILED);
            return;
        }

        final DatabaseManagementService running = dbms;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            running.shutdown();
            System.out.println("STOPPED");
        }, "neo4j-shutdown"));

        System.out.println("READY bolt://" + host + ":" + port);
        System.out.flush();

        if (!"false".equals(System.getenv("NEO4J_EXIT_ON_STDIN_EOF"))) {
            watchStdin();
        }
    }

    /** Sets the neo4j user's password; a restart with the same password leaves it as it is. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                    java.util.Map.of("password", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to set the password it already has; that is the state we want.
            if (!rootMessage(e).contains("Old password and new password cannot be the same")) throw e;
        }
    }

    /** Exits (running the shutdown hook) when the parent closes our stdin, e.g. because it died. */
    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            InputStream in = System.in;
            byte[] buf = new byte[256];
            try {
                while (in.read(buf) >= 0) {
                    // Input is ignored; only end-of-stream matters.
                }
            } catch (IOException ignored) {
                // Treat a broken pipe like end-of-stream.
            }
            System.exit(0);
        }, "stdin-watch");
        watcher.setDaemon(false);
        watcher.start();
    }

    private static boolean portIsFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase();
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        if (t.endsWith("s")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        return Duration.ofSeconds(Long.parseLong(t));
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
