package io.stepstream.runtime.engine;

import io.stepstream.asl.engine.PendingTimer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The timers of the executions of one partition, in one key-value store with four key prefixes
 * that range scans cannot mix up:
 * <ul>
 *   <li>{@code T | due (8 bytes, big-endian) | executionId | 0 | timerId}: the due-time index,
 *       scanned in due order. The interpreter cancels a timer with its due time, so this key is all
 *       a timer needs: scheduling is at most one write, cancelling or firing at most one delete. The value is
 *       {@link #UNINDEXED}, or empty for a timer that also has an {@code X} key;</li>
 *   <li>{@code X | executionId | 0 | timerId}: the reverse index, value the due time, of timers that
 *       earlier versions stored with it because their cancellation did not know their due time (an
 *       execution's retention timer; timers from before the interpreter kept due times). Nothing
 *       writes it any more; it is read and deleted with them;</li>
 *   <li>{@code B | number (8 bytes, big-endian)}: a batch record, value the due keys of up to
 *       {@link #BATCH_ENTRIES} batched timers (each a 4-byte length and the key), written with one
 *       commit's states and deleted when the last of them ends (see {@link #schedule(String, String, long, boolean)});</li>
 *   <li>{@code P}: the scan position. Every {@code T} key is at or after it, so a scan never walks
 *       over the tombstones of timers already fired (RocksDB range scans are slow over them). The
 *       processor fires a timer due before it inline instead of scheduling it, so it only moves on.</li>
 * </ul>
 * Tombstones ahead of the position are another matter: most timers are cancelled before they are
 * due (a task's timeout; every Express execution's five-minute limit, before they were batched), and Streams' RocksDB
 * iterators set no upper bound, so a scan's seek skips every one of them up to the first live key,
 * however far beyond {@code now} it is. A scan therefore also looks ahead for that key and notes
 * its due time, and no scan runs before it ({@link #nextDue}); at 6,000 Express executions/s with a
 * task, the seeks took half the stream thread.
 * <p>
 * No range spans far more timers than it needs: Streams' record cache answers a range by copying
 * every cached key in it into a new set, so one range over the whole index copied every waiting
 * timer on every scan (with 200,000 Waits pending, two fifths of the stream thread). A scan reads
 * the due timers in windows of due time sized to hold about a batch ({@link #span}), and looks
 * ahead in windows that double until one holds a timer.
 * <p>
 * A timer is <em>held</em> in memory until its execution's state is written to the executions
 * store ({@link #written}, called as the record cache writes the state through at a commit), and
 * only then written, below this store's record cache, so that it commits with that state. Most
 * timers end before that: an Express execution's five-minute limit is cancelled when its task
 * answers, usually within the commit interval it was scheduled in, and then costs no RocksDB write
 * and no changelog record, not even a tombstone (without a listener, the cache flushes a delete
 * as a tombstone whether or not the store below held the key; with one, it reads RocksDB to
 * know). A held timer is due, fires and is cancelled like a stored one; the scan reads both.
 * Execution ids and timer ids never contain a NUL character; a timer id is scheduled once per execution.
 */
final class TimerStore {
    private static final byte DUE = 'T';
    private static final byte INDEX = 'X';
    private static final byte BATCH = 'B';
    private static final Bytes POSITION = Bytes.wrap(new byte[] {'P'});
    private static final byte[] UNINDEXED = {'-'};

    /**
     * A stored timer.
     *
     * @param indexed whether it has an {@code X} key to delete with it
     */
    record Timer(long due, String executionId, String timerId, boolean indexed) {}

    /** A held timer waiting for its execution's state to be written; a {@code batched} one is then batched. */
    private record Waiting(Bytes key, boolean batched) {}

    /**
     * The timers of one batch record: at most this many, of about a hundred bytes each, well under
     * Kafka's default 1 MB record.
     */
    private static final int BATCH_ENTRIES = 1_000;

    /**
     * A batch record: batched timers written with one commit's states. Its record is deleted when
     * none of them is live any more; until it is written (at the end of the commit), it lists them.
     */
    private static final class Batch {
        final Bytes key;
        List<Bytes> entries = new ArrayList<>();
        int live;
        boolean written;

        Batch(Bytes key) {
            this.key = key;
        }
    }

    /** The first look-ahead window, in milliseconds of due time. */
    private static final long LOOKAHEAD = 1_000;
    /** A look-ahead window this long reads on to the end of the index. */
    private static final long LOOKAHEAD_END = 1L << 40; // 35 years

    private final KeyValueStore<Bytes, byte[]> store;
    /** The store below {@link #store}'s record cache, where held timers are written. */
    private final KeyValueStore<Bytes, byte[]> belowCache;
    /**
     * The held timers' keys, to the execution (a String) of each one that waits for its execution's
     * state to be written, or to the {@link Batch} of each batched one.
     */
    private final NavigableMap<Bytes, Object> held = new TreeMap<>();
    /**
     * The held timers waiting for their execution's state to be written, by execution, each with
     * whether it is then batched rather than stored. Kept in the list, not a set of batched keys:
     * hashing the keys into a set of every held timer took 4 % of bench (b)'s stream thread.
     */
    private final Map<String, List<Waiting>> heldBy = new HashMap<>();
    /** The batches filled since the last commit. */
    private final List<Batch> open = new ArrayList<>();
    /** The number of the next batch record, in its key after {@link #BATCH}. */
    private long nextBatch;
    private long position;
    /**
     * Milliseconds of due time a range of due timers reads: the span the last full batch took, doubled
     * after a range that did not fill one, so that a backlog of due timers is read a batch per range.
     */
    private long span = LOOKAHEAD;
    /** No stored timer is due before this: the first live key the last scan saw, or an earlier one scheduled since. */
    private long nextDue = Long.MIN_VALUE;
    /** The due keys removed since the last {@link #due} scan (null when none is open): its batch skips them. */
    private Set<Bytes> removed;

    /**
     * @param store the timers store, with its record cache
     * @param belowCache the store below that cache (the same store when it has none)
     */
    TimerStore(KeyValueStore<Bytes, byte[]> store, KeyValueStore<Bytes, byte[]> belowCache) {
        this.store = store;
        this.belowCache = belowCache;
        byte[] saved = store.get(POSITION);
        this.position = saved == null ? 0 : ByteBuffer.wrap(saved).getLong();
        holdBatched();
    }

    /**
     * Holds the timers of the stored batches again, as they were before the task last closed; a
     * timer due before the position has fired or been cancelled. Some of the others were cancelled
     * too (a batch record is not rewritten as its timers end): they fire, and the processor finds
     * them stale.
     */
    private void holdBatched() {
        try (var it = store.range(Bytes.wrap(new byte[] {BATCH}), Bytes.wrap(new byte[] {BATCH + 1}))) {
            while (it.hasNext()) {
                var record = it.next();
                nextBatch = Math.max(nextBatch, ByteBuffer.wrap(record.key.get(), 1, 8).getLong() + 1);
                Batch batch = new Batch(record.key);
                batch.written = true;
                ByteBuffer entries = ByteBuffer.wrap(record.value);
                while (entries.hasRemaining()) {
                    byte[] key = new byte[entries.getInt()];
                    entries.get(key);
                    long due = ByteBuffer.wrap(key, 1, 8).getLong();
                    if (due >= position) {
                        held.put(Bytes.wrap(key), batch);
                        batch.live++;
                        nextDue = Math.min(nextDue, due);
                    }
                }
                if (batch.live == 0) {
                    belowCache.put(batch.key, null);
                }
            }
        }
    }

    /**
     * Holds a timer that will be cancelled with its due time until its execution's state is
     * {@link #written}. It is due at or after the {@link #position}, since the processor fires
     * earlier ones inline; should one come anyway, the position moves back to it, so it still fires.
     */
    void schedule(String executionId, String timerId, long due) {
        schedule(executionId, timerId, due, false);
    }

    /**
     * Holds a timer as {@link #schedule(String, String, long)} does; a {@code batched} one stays held
     * when its execution's state is written, and is only listed in a batch record written with
     * that commit ({@link #commitBatches}), so that its cancellation costs no tombstone. Batched
     * timers stay in memory until they fire or are cancelled: for timers due within minutes.
     */
    void schedule(String executionId, String timerId, long due, boolean batched) {
        long at = Math.max(0, due);
        Bytes key = dueKey(at, executionId, timerId);
        Object before = held.put(key, executionId);
        if (before instanceof Batch batch) { // batched before the engine restarted, and scheduled again by a replay
            unbatch(batch);
        }
        List<Waiting> waiting = heldBy.computeIfAbsent(executionId, id -> new ArrayList<>(2));
        if (before instanceof String) { // scheduled again before its state was written
            waiting.removeIf(timer -> timer.key().equals(key));
        }
        waiting.add(new Waiting(key, batched));
        nextDue = Math.min(nextDue, at);
        moveBackTo(at);
    }

    /**
     * The execution's state reached the store below its record cache: so do the timers held for it,
     * below this store's cache, so that they reach the changelog in the same commit as the state
     * whatever order Streams flushes the two caches in. Their keys are new, so the cache holds none of them.
     */
    void written(String executionId) {
        List<Waiting> waiting = heldBy.remove(executionId);
        if (waiting != null) {
            for (Waiting timer : waiting) {
                if (timer.batched()) {
                    batch(timer.key());
                } else {
                    held.remove(timer.key());
                    belowCache.put(timer.key(), UNINDEXED);
                }
            }
        }
    }

    private void batch(Bytes key) {
        Batch batch = open.isEmpty() ? null : open.get(open.size() - 1);
        if (batch == null || batch.entries.size() == BATCH_ENTRIES) {
            batch = new Batch(Bytes.wrap(concat(new byte[] {BATCH}, longBytes(nextBatch++))));
            open.add(batch);
        }
        batch.entries.add(key);
        batch.live++;
        held.put(key, batch);
    }

    /**
     * Writes the batches filled since the last commit, with the states whose writing put timers in
     * them: call it when the executions store's cache has been flushed. Below this store's cache,
     * like held timers, so that the order Streams flushes the caches in does not matter.
     */
    void commitBatches() {
        for (Batch batch : open) {
            List<byte[]> live = new ArrayList<>(batch.live);
            int bytes = 0;
            for (Bytes key : batch.entries) {
                if (held.get(key) == batch) {
                    live.add(key.get());
                    bytes += 4 + key.get().length;
                }
            }
            if (!live.isEmpty()) {
                ByteBuffer value = ByteBuffer.allocate(bytes);
                live.forEach(key -> value.putInt(key.length).put(key));
                belowCache.put(batch.key, value.array());
                batch.written = true;
            }
            batch.entries = null;
        }
        open.clear();
    }

    /** One of the batch's timers is no longer live: the last one deletes its record. */
    private void unbatch(Batch batch) {
        if (--batch.live == 0 && batch.written) {
            belowCache.put(batch.key, null); // the cache never holds a batch record
        }
    }

    /** Removes a timer: from memory when it is held, else from the store. */
    private void delete(Bytes key) {
        Object owner = held.remove(key);
        if (owner == null) {
            store.delete(key);
            return;
        }
        if (owner instanceof Batch batch) {
            unbatch(batch);
            return;
        }
        String executionId = (String) owner;
        List<Waiting> waiting = heldBy.get(executionId);
        waiting.removeIf(timer -> timer.key().equals(key));
        if (waiting.isEmpty()) {
            heldBy.remove(executionId);
        }
    }

    /** Cancels a timer scheduled for {@code due}; a due of 0 (unknown) looks it up in the reverse index. */
    void cancel(String executionId, String timerId, long due) {
        if (due <= 0) {
            cancel(executionId, timerId);
            return;
        }
        Bytes key = dueKey(due, executionId, timerId);
        delete(key);
        removed(key);
    }

    /** Cancels an indexed timer (one stored before every timer's cancellation knew its due time). */
    void cancel(String executionId, String timerId) {
        Bytes index = indexKey(executionId, timerId);
        byte[] due = store.get(index);
        if (due != null) {
            Bytes key = dueKey(ByteBuffer.wrap(due).getLong(), executionId, timerId);
            store.delete(key);
            store.delete(index);
            removed(key);
        }
    }

    /**
     * The stored timer for a pending timer of an execution; null if its due time is unknown and
     * it is not indexed either.
     */
    Timer stored(String executionId, PendingTimer timer) {
        if (timer.due() > 0) {
            return new Timer(timer.due(), executionId, timer.id(), false);
        }
        byte[] due = store.get(indexKey(executionId, timer.id()));
        return due == null ? null : new Timer(ByteBuffer.wrap(due).getLong(), executionId, timer.id(), true);
    }

    /**
     * Up to {@code limit} timers due at or before {@code now}, in due order, from the scan position;
     * none, without reading the store, before {@link #nextDue}. They stay in the store until
     * {@link #take}n; one removed meanwhile (its execution ended, or fired it inline) is not taken.
     */
    List<Timer> due(long now, int limit) {
        if (nextDue > now) {
            removed = null; // no batch is open
            return List.of();
        }
        removed = new HashSet<>();
        List<Timer> timers = new ArrayList<>();
        for (long from = position; from <= now && timers.size() < limit; ) {
            long to = Math.min(now, plus(from, span - 1));
            read(from, to, limit, timers);
            span = timers.size() == limit ? Math.max(1, timers.get(limit - 1).due() - from + 1)
                    : Math.min(LOOKAHEAD_END, plus(span, span));
            from = plus(to, 1);
        }
        // until they fire (the caller may stop part way through); otherwise, the next live timer
        nextDue = timers.isEmpty() ? firstAfter(now) : timers.get(0).due();
        return timers;
    }

    /** The due time of the first timer after {@code now}, looking ahead in windows that double; MAX_VALUE for none. */
    private long firstAfter(long now) {
        List<Timer> first = new ArrayList<>(1);
        long from = plus(now, 1);
        for (long window = LOOKAHEAD; from < Long.MAX_VALUE; window = plus(window, window)) {
            long to = window >= LOOKAHEAD_END ? Long.MAX_VALUE : plus(from, window - 1);
            read(from, to, 1, first);
            if (!first.isEmpty()) {
                return first.get(0).due();
            }
            from = plus(to, 1);
        }
        return Long.MAX_VALUE;
    }

    /**
     * Adds the timers due from {@code from} to {@code to} (inclusive), stored and held, in key order,
     * to {@code timers} until it holds {@code limit}.
     */
    private void read(long from, long to, int limit, List<Timer> timers) {
        Bytes fromKey = Bytes.wrap(concat(new byte[] {DUE}, longBytes(from)));
        // every due key has an execution id after its due time, so it sorts after the bare prefix of to + 1
        Bytes toKey = Bytes.wrap(to == Long.MAX_VALUE ? new byte[] {DUE + 1}
                : concat(new byte[] {DUE}, longBytes(to + 1)));
        Iterator<Bytes> heldKeys = held.subMap(fromKey, true, toKey, true).keySet().iterator();
        Bytes nextHeld = heldKeys.hasNext() ? heldKeys.next() : null;
        try (var it = store.range(fromKey, toKey)) {
            while (timers.size() < limit && (nextHeld != null || it.hasNext())) {
                if (nextHeld != null && (!it.hasNext() || nextHeld.compareTo(it.peekNextKey()) < 0)) {
                    timers.add(parse(nextHeld.get(), false));
                    nextHeld = heldKeys.hasNext() ? heldKeys.next() : null;
                } else {
                    var next = it.next();
                    timers.add(parse(next.key.get(), next.value.length == 0));
                }
            }
        }
    }

    private static long plus(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum; // both are never negative
    }

    /** Removes a timer of the last {@link #due} batch that is about to fire; false when it was removed meanwhile. */
    boolean take(Timer timer) {
        Bytes key = dueKey(timer.due(), timer.executionId(), timer.timerId());
        if (removed != null && removed.contains(key)) {
            return false;
        }
        fired(key, timer);
        return true;
    }

    /** Removes a timer that fired. */
    void fired(Timer timer) {
        fired(dueKey(timer.due(), timer.executionId(), timer.timerId()), timer);
    }

    private void fired(Bytes key, Timer timer) {
        delete(key);
        if (timer.indexed()) {
            store.delete(indexKey(timer.executionId(), timer.timerId()));
        }
        removed(key);
    }

    private void removed(Bytes dueKey) {
        if (removed != null) {
            removed.add(dueKey);
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

    private void moveBackTo(long due) {
        if (due < position) {
            save(due);
        }
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

    private static Timer parse(byte[] key, boolean indexed) {
        long due = ByteBuffer.wrap(key, 1, 8).getLong();
        int nul = 9;
        while (key[nul] != 0) {
            nul++;
        }
        String executionId = new String(key, 9, nul - 9, StandardCharsets.UTF_8);
        String timerId = new String(key, nul + 1, key.length - nul - 1, StandardCharsets.UTF_8);
        return new Timer(due, executionId, timerId, indexed);
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
