package io.stepstream.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The due scan of {@link TimerStore}: in due order, never reading the store before a timer can be
 * due, and over held timers as over stored ones; a held timer is stored only with its execution's state.
 */
class TimerStoreTest {
    /** Calls to {@link TimerStore#due} that read the store. */
    private int scans;
    private final AtomicInteger ranges = new AtomicInteger();
    /** The most stored keys one range spanned, since last reset. */
    private int widestRange;
    private KeyValueStore<Bytes, byte[]> store;
    private TimerStore timers;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("timers"),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        timers = new TimerStore(measuringRanges(store), store);
    }

    @Test
    void aScanNotesTheNextLiveTimerAndNoScanRunsBeforeIt() {
        timers.schedule("e1", "wait", 5_000);
        assertEquals(List.of(), due(100, 10));
        assertEquals(1, scans);
        for (long now = 200; now < 5_000; now += 100) {
            assertEquals(List.of(), due(now, 10));
        }
        assertEquals(1, scans, "nothing is due before 5,000");
        assertEquals(List.of(timer(5_000, "e1", "wait")), due(5_000, 10));
        assertEquals(2, scans);
    }

    @Test
    void aTimerScheduledEarlierThanTheNextLiveOneStillFires() {
        timers.schedule("e1", "wait", 5_000);
        due(100, 10);
        timers.moveTo(101);
        timers.schedule("e2", "retry", 1_000);
        assertEquals(List.of(), due(999, 10));
        assertEquals(1, scans);
        assertEquals(List.of(timer(1_000, "e2", "retry")), due(1_000, 10));
    }

    @Test
    void aCancelledTimerCostsOneScanWhenItWouldHaveBeenDue() {
        timers.schedule("e1", "limit", 1_000);
        timers.schedule("e2", "limit", 2_000);
        due(500, 10);
        timers.moveTo(501);
        timers.cancel("e1", "limit", 1_000);
        assertEquals(List.of(), due(1_000, 10));
        timers.moveTo(1_001);
        assertEquals(List.of(), due(1_999, 10));
        assertEquals(2, scans, "the scan at 1,000 found the next live timer at 2,000");
        assertEquals(List.of(timer(2_000, "e2", "limit")), due(2_000, 10));
    }

    @Test
    void aFullBatchLeavesTheRestForTheNextScan() {
        timers.schedule("e1", "wait", 10);
        timers.schedule("e2", "wait", 20);
        timers.schedule("e3", "wait", 30);
        List<TimerStore.Timer> first = due(100, 2);
        assertEquals(List.of(timer(10, "e1", "wait"), timer(20, "e2", "wait")), first);
        first.forEach(timers::take);
        timers.moveTo(20);
        assertEquals(List.of(timer(30, "e3", "wait")), due(100, 2));
    }

    @Test
    void timersReturnedButNotTakenAreReturnedAgain() {
        timers.schedule("e1", "wait", 10);
        timers.schedule("e2", "wait", 20);
        TimerStore.Timer first = due(100, 10).get(0);
        timers.take(first);
        timers.moveTo(first.due()); // the budget ran out after one
        assertEquals(List.of(timer(20, "e2", "wait")), due(150, 10));
    }

    @Test
    void aNewStoreScansOnceBeforeItKnowsWhatIsDue() {
        assertEquals(List.of(), due(100, 10));
        assertEquals(List.of(), due(Long.MAX_VALUE - 1, 10));
        assertEquals(1, scans, "an empty store has nothing due until a timer is scheduled");
    }

    @Test
    void aBacklogOfDueTimersIsReadABatchPerRange() {
        // the record cache copies every key a range spans: one over the whole index copied every waiting timer
        for (int i = 1; i <= 10_000; i++) {
            stored("due" + i, "wait", i);
            stored("later" + i, "wait", 1_000_000 + i);
        }
        List<TimerStore.Timer> fired = new ArrayList<>();
        for (List<TimerStore.Timer> batch = due(20_000, 64); !batch.isEmpty(); batch = due(20_000, 64)) {
            if (!fired.isEmpty()) {
                assertTrue(widestRange <= 2 * 64, "a range spanned " + widestRange + " timers");
            }
            batch.forEach(timers::take);
            fired.addAll(batch);
            timers.moveTo(batch.get(batch.size() - 1).due());
            widestRange = 0;
        }
        assertEquals(10_000, fired.size());
        for (int i = 1; i <= 10_000; i++) {
            assertEquals(timer(i, "due" + i, "wait"), fired.get(i - 1));
        }
    }

    @Test
    void aScanLooksAheadNoFurtherThanTheNextTimer() {
        for (int i = 0; i < 10_000; i++) {
            stored("later" + i, "wait", 1_000_000 + i);
        }
        stored("soon", "wait", 2_000);
        assertEquals(List.of(), due(100, 64));
        assertTrue(widestRange <= 1, "a look-ahead spanned " + widestRange + " timers");
        assertEquals(List.of(timer(2_000, "soon", "wait")), due(2_000, 64));
    }

    @Test
    void aHeldTimerIsDueAndCancelledWithoutTheStore() {
        timers.schedule("e1", "limit", 300_000);
        timers.schedule("e2", "wait", 10);
        assertEquals(List.of(timer(10, "e2", "wait")), due(100, 10));
        assertTrue(timers.take(timer(10, "e2", "wait")));
        timers.moveTo(10);
        timers.cancel("e1", "limit", 300_000);
        assertEquals(List.of(), storedTimers(), "neither timer was ever written");
        assertEquals(List.of(), due(400_000, 10));
    }

    @Test
    void anExecutionsTimersAreStoredWhenItsStateIsWritten() {
        timers.schedule("e1", "limit", 300_000);
        timers.schedule("e1", "wait", 1_000);
        timers.schedule("e2", "limit", 300_001);
        timers.written("e1");
        assertEquals(List.of("e1 wait 1000", "e1 limit 300000"), storedTimers());
        timers.cancel("e1", "limit", 300_000);
        assertEquals(List.of("e1 wait 1000"), storedTimers());
        timers.written("e1"); // written again: nothing more is held for it
        assertEquals(List.of("e1 wait 1000"), storedTimers());
    }

    @Test
    void heldAndStoredTimersAreDueTogetherInDueOrder() {
        stored("e1", "wait", 10);
        timers.schedule("e2", "wait", 20);
        stored("e3", "wait", 30);
        timers.schedule("e4", "wait", 40);
        assertEquals(List.of(timer(10, "e1", "wait"), timer(20, "e2", "wait"), timer(30, "e3", "wait")), due(100, 3));
        assertEquals(List.of(timer(10, "e1", "wait"), timer(20, "e2", "wait"), timer(30, "e3", "wait"),
                timer(40, "e4", "wait")), due(100, 10));
        due(100, 10).forEach(timers::take);
        timers.moveTo(41);
        assertEquals(List.of(), storedTimers());
        assertEquals(List.of(), due(1_000, 10));
    }

    @Test
    void batchedTimersShareOneRecordWhichTheLastOneToEndDeletes() {
        timers.schedule("e1", "limit", 300_000, true);
        timers.schedule("e2", "limit", 300_001, true);
        timers.schedule("e3", "limit", 300_002, true);
        timers.written("e1");
        timers.written("e2");
        timers.cancel("e3", "limit", 300_002); // ended before its state was written
        timers.commitBatches();
        assertEquals(List.of(), storedTimers(), "no batched timer has a key of its own");
        assertEquals(List.of(List.of("e1 limit 300000", "e2 limit 300001")), batches());
        timers.cancel("e1", "limit", 300_000);
        assertEquals(1, batches().size(), "the record stays while one of its timers is live");
        assertEquals(List.of(timer(300_001, "e2", "limit")), due(400_000, 10), "batched timers stay held");
        timers.cancel("e2", "limit", 300_001);
        assertEquals(List.of(), batches());
    }

    @Test
    void aRestartedStoreHoldsTheBatchedTimersAgainFromTheirRecords() {
        timers.schedule("e1", "limit", 300_000, true);
        timers.schedule("e2", "limit", 300_001, true);
        timers.schedule("e3", "wait", 1_000, true);
        List.of("e1", "e2", "e3").forEach(timers::written);
        timers.commitBatches();
        assertTrue(timers.take(timer(1_000, "e3", "wait")));
        timers.moveTo(1_001);
        timers.cancel("e1", "limit", 300_000); // not rewritten: it comes back, and its execution will find it stale

        timers = new TimerStore(store, store);
        assertEquals(List.of(timer(300_000, "e1", "limit"), timer(300_001, "e2", "limit")), due(400_000, 10),
                "the batch's timers, but for the one due before the position");
        due(400_000, 10).forEach(timers::take);
        assertEquals(List.of(), batches(), "the last of them deleted the record");
        timers.schedule("e4", "limit", 300_003, true);
        timers.written("e4");
        timers.commitBatches();
        assertEquals(List.of(List.of("e4 limit 300003")), batches(), "a new record, numbered after the old ones");
    }

    /** Schedules a timer and writes its execution's state, which stores it. */
    private void stored(String execution, String id, long due) {
        timers.schedule(execution, id, due);
        timers.written(execution);
    }

    /** The timers in the store (not held), as "execution id due", in key order. */
    private List<String> storedTimers() {
        List<String> stored = new ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(entry -> {
                byte[] key = entry.key.get();
                if (key[0] == 'T') {
                    long due = ByteBuffer.wrap(key, 1, 8).getLong();
                    String[] ids = new String(key, 9, key.length - 9, StandardCharsets.UTF_8).split("\0");
                    stored.add(ids[0] + " " + ids[1] + " " + due);
                }
            });
        }
        return stored;
    }

    /** The batch records in the store, each as the timers it lists, "execution id due". */
    private List<List<String>> batches() {
        List<List<String>> batches = new ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(entry -> {
                if (entry.key.get()[0] == 'B') {
                    List<String> timers = new ArrayList<>();
                    ByteBuffer value = ByteBuffer.wrap(entry.value);
                    while (value.hasRemaining()) {
                        byte[] key = new byte[value.getInt()];
                        value.get(key);
                        long due = ByteBuffer.wrap(key, 1, 8).getLong();
                        String[] ids = new String(key, 9, key.length - 9, StandardCharsets.UTF_8).split("\0");
                        timers.add(ids[0] + " " + ids[1] + " " + due);
                    }
                    batches.add(timers);
                }
            });
        }
        return batches;
    }

    private List<TimerStore.Timer> due(long now, int limit) {
        int before = ranges.get();
        List<TimerStore.Timer> due = timers.due(now, limit);
        if (ranges.get() > before) {
            scans++;
        }
        return due;
    }

    private static TimerStore.Timer timer(long due, String execution, String id) {
        return new TimerStore.Timer(due, execution, id, false);
    }

    /** Counts the store's ranges and notes the most keys one spanned. */
    @SuppressWarnings("unchecked")
    private KeyValueStore<Bytes, byte[]> measuringRanges(KeyValueStore<Bytes, byte[]> store) {
        return (KeyValueStore<Bytes, byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("range")) {
                        ranges.incrementAndGet();
                        int spanned = 0;
                        try (var it = store.range((Bytes) args[0], (Bytes) args[1])) {
                            for (; it.hasNext(); it.next()) {
                                spanned++;
                            }
                        }
                        widestRange = Math.max(widestRange, spanned);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
