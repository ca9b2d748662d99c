package io.stepstream.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on this JVM's class path (the engine, the pass-through), so its CPU time and peak
 * RSS are its own. Protocol on its stdout: {@code READY} once it serves, {@code KEY value ...}
 * lines whose latest value per key is kept ({@link #line}), among them {@code JIT millis} every
 * second ({@link #jitLine}); closing its stdin asks it to stop.
 * Its stderr goes to a log file.
 */
final class Forked implements AutoCloseable {
    private final String name;
    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Map<String, String> lines = new ConcurrentHashMap<>();

    private Forked(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::read, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static Forked start(String name, List<String> jvmArgs, String mainClass, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new Forked(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("READY")) {
                    ready.countDown();
                    continue;
                }
                int space = line.indexOf(' ');
                if (space > 0) {
                    lines.put(line.substring(0, space), line.substring(space + 1));
                }
            }
        } catch (IOException e) {
            // the child has gone
        }
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.await(200, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready within " + timeout);
            }
        }
    }

    /** The latest line the child printed under {@code key}, without the key; null if none. */
    String line(String key) {
        return lines.get(key);
    }

    String pid() {
        return Long.toString(process.pid());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    double cpuSeconds() {
        return ProcStats.cpuSeconds(pid());
    }

    double peakRssMiB() {
        return ProcStats.peakRssMiB(pid());
    }

    /** Seconds the child's JIT compilers have spent so far, from its latest {@code JIT} line; 0 before the first. */
    double jitSeconds() {
        String millis = line("JIT");
        return millis == null ? 0 : Long.parseLong(millis) / 1000.0;
    }

    /** The child's side of the protocol: a daemon thread that runs {@code print} and flushes stdout every second. */
    static void reportEverySecond(String threadName, Runnable print) {
        Thread reporter = new Thread(() -> {
            while (true) {
                print.run();
                System.out.flush();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, threadName);
        reporter.setDaemon(true);
        reporter.start();
    }

    /** The child's side of {@link #jitSeconds}: its {@code JIT} line, milliseconds of compilation so far. */
    static String jitLine() {
        return "JIT " + ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** Asks the child to stop (closes its stdin) and waits; kills it after the grace period. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
