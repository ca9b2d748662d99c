package io.stepstream.runtime.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The timers of the executions of one partition, in one key-value store with three key prefixes
 * that range scans cannot mix up:
 * <ul>
 *   <li>{@code T | due (8 bytes, big-endian) | executionId | 0 | timerId}: the due-time index,
 *       scanned in due order; the value is empty;</li>
 *   <li>{@code X | executionId | 0 | timerId}: the reverse index for CancelTimer and for dropping
 *       every timer of an ended execution; the value is the due time;</li>
 *   <li>{@code P}: the scan position. Every {@code T} key is at or after it, so a scan never walks
 *       over the tombstones of timers already fired (RocksDB range scans are slow over them). The
 *       processor fires a timer due before it inline instead of scheduling it, so it only moves on.</li>
 * </ul>
 * Execution ids and timer ids never contain a NUL character.
 */
final class TimerStore {
    private static final byte DUE = 'T';
    private static final byte INDEX = 'X';
    private static final Bytes POSITION = Bytes.wrap(new byte[] {'P'});
    private static final byte[] EMPTY = new byte[0];

    /** A due timer. */
    record Timer(long due, String executionId, String timerId) {}

    private final KeyValueStore<Bytes, byte[]> store;
    private long position;
    /** Timers removed since the last {@link #due} scan (null when none is open): its batch skips them. */
    private Set<Timer> removed;

    TimerStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        byte[] saved = store.get(POSITION);
        this.position = saved == null ? 0 : ByteBuffer.wrap(saved).getLong();
    }

    /**
     * Stores a timer due at or after the {@link #position}; the processor fires earlier ones inline.
     * Should one come anyway, the position moves back to it, so it still fires.
     */
    void schedule(String executionId, String timerId, long due) {
        long at = Math.max(0, due);
        cancel(executionId, timerId);
        store.put(dueKey(at, executionId, timerId), EMPTY);
        store.put(indexKey(executionId, timerId), longBytes(at));
        if (at < position) {
            save(at);
        }
    }

    void cancel(String executionId, String timerId) {
        Bytes index = indexKey(executionId, timerId);
        byte[] due = store.get(index);
        if (due != null) {
            long at = ByteBuffer.wrap(due).getLong();
            store.delete(dueKey(at, executionId, timerId));
            store.delete(index);
            removed(new Timer(at, executionId, timerId));
        }
    }

    /** Drops every timer of an execution (it ended). */
    void cancelAll(String executionId) {
        for (Timer timer : timersOf(executionId)) {
            store.delete(dueKey(timer.due(), executionId, timer.timerId()));
            store.delete(indexKey(executionId, timer.timerId()));
            removed(timer);
        }
    }

    /** The stored timers of an execution due at or before {@code now}, in no particular order; they stay stored. */
    List<Timer> dueOf(String executionId, long now) {
        return timersOf(executionId).stream().filter(timer -> timer.due() <= now).toList();
    }

    private List<Timer> timersOf(String executionId) {
        byte[] id = (executionId + '\0').getBytes(StandardCharsets.UTF_8);
        Bytes from = Bytes.wrap(concat(new byte[] {INDEX}, id));
        byte[] upper = concat(new byte[] {INDEX}, id);
        upper[upper.length - 1] = 1;
        List<Timer> found = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, Bytes.wrap(upper))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                String timerId = new String(kv.key.get(), from.get().length, kv.key.get().length - from.get().length,
                        StandardCharsets.UTF_8);
                found.add(new Timer(ByteBuffer.wrap(kv.value).getLong(), executionId, timerId));
            }
        }
        return found;
    }

    /**
     * Up to {@code limit} timers due at or before {@code now}, in due order, from the scan position.
     * They stay in the store until {@link #take}n; one removed meanwhile (its execution ended, or
     * fired it inline) is not taken.
     */
    List<Timer> due(long now, int limit) {
        removed = new HashSet<>();
        List<Timer> timers = new ArrayList<>();
        Bytes from = Bytes.wrap(concat(new byte[] {DUE}, longBytes(position)));
        Bytes to = Bytes.wrap(concat(concat(new byte[] {DUE}, longBytes(now)), new byte[] {(byte) 0xFF}));
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, to)) {
            while (it.hasNext() && timers.size() < limit) {
                timers.add(parse(it.next().key.get()));
            }
        }
        return timers;
    }

    /** Removes a timer of the last {@link #due} batch that is about to fire; false when it was removed meanwhile. */
    boolean take(Timer timer) {
        if (removed != null && removed.contains(timer)) {
            return false;
        }
        fired(timer);
        return true;
    }

    /** Removes a timer that fired. */
    void fired(Timer timer) {
        store.delete(dueKey(timer.due(), timer.executionId(), timer.timerId()));
        store.delete(indexKey(timer.executionId(), timer.timerId()));
        removed(timer);
    }

    private void removed(Timer timer) {
        if (removed != null) {
            removed.add(timer);
        }
    }

    /**
     * Everything before {@code due} has fired: later scans start there. Nothing scheduled meanwhile
     * is due before it: a timer due by now fires inline, and a later one is after every timer a scan
     * up to now returned.
     */
    void moveTo(long due) {
        removed = null;
        save(due);
    }

    private void save(long to) {
        if (to != position) {
            position = to;
            store.put(POSITION, longBytes(to));
        }
    }

    long position() {
        return position;
    }

    private static Timer parse(byte[] key) {
        long due = ByteBuffer.wrap(key, 1, 8).getLong();
        int nul = 9;
        while (key[nul] != 0) {
            nul++;
        }
        String executionId = new String(key, 9, nul - 9, StandardCharsets.UTF_8);
        String timerId = new String(key, nul + 1, key.length - nul - 1, StandardCharsets.UTF_8);
        return new Timer(due, executionId, timerId);
    }

    private static Bytes dueKey(long due, String executionId, String timerId) {
        byte[] id = (executionId + '\0' + timerId).getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(concat(concat(new byte[] {DUE}, longBytes(due)), id));
    }

    private static Bytes indexKey(String executionId, String timerId) {
        return Bytes.wrap(concat(new byte[] {INDEX}, (executionId + '\0' + timerId).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
