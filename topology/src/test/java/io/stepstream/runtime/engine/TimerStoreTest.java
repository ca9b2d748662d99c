package io.stepstream.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The due scan of {@link TimerStore}: in due order, and never reading the store before a timer can be due. */
class TimerStoreTest {
    private final AtomicInteger scans = new AtomicInteger();
    private TimerStore timers;

    @BeforeEach
    void store() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("timers"),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        timers = new TimerStore(countingRanges(store));
    }

    @Test
    void aScanNotesTheNextLiveTimerAndNoScanRunsBeforeIt() {
        timers.schedule("e1", "wait", 5_000);
        assertEquals(List.of(), timers.due(100, 10));
        assertEquals(1, scans.get());
        for (long now = 200; now < 5_000; now += 100) {
            assertEquals(List.of(), timers.due(now, 10));
        }
        assertEquals(1, scans.get(), "nothing is due before 5,000");
        assertEquals(List.of(timer(5_000, "e1", "wait")), timers.due(5_000, 10));
        assertEquals(2, scans.get());
    }

    @Test
    void aTimerScheduledEarlierThanTheNextLiveOneStillFires() {
        timers.schedule("e1", "wait", 5_000);
        timers.due(100, 10);
        timers.moveTo(101);
        timers.schedule("e2", "retry", 1_000);
        assertEquals(List.of(), timers.due(999, 10));
        assertEquals(1, scans.get());
        assertEquals(List.of(timer(1_000, "e2", "retry")), timers.due(1_000, 10));
    }

    @Test
    void aCancelledTimerCostsOneScanWhenItWouldHaveBeenDue() {
        timers.schedule("e1", "limit", 1_000);
        timers.schedule("e2", "limit", 2_000);
        timers.due(500, 10);
        timers.moveTo(501);
        timers.cancel("e1", "limit", 1_000);
        assertEquals(List.of(), timers.due(1_000, 10));
        timers.moveTo(1_001);
        assertEquals(List.of(), timers.due(1_999, 10));
        assertEquals(2, scans.get(), "the scan at 1,000 found the next live timer at 2,000");
        assertEquals(List.of(timer(2_000, "e2", "limit")), timers.due(2_000, 10));
    }

    @Test
    void aFullBatchLeavesTheRestForTheNextScan() {
        timers.schedule("e1", "wait", 10);
        timers.schedule("e2", "wait", 20);
        timers.schedule("e3", "wait", 30);
        List<TimerStore.Timer> first = timers.due(100, 2);
        assertEquals(List.of(timer(10, "e1", "wait"), timer(20, "e2", "wait")), first);
        first.forEach(timers::take);
        timers.moveTo(20);
        assertEquals(List.of(timer(30, "e3", "wait")), timers.due(100, 2));
    }

    @Test
    void timersReturnedButNotTakenAreReturnedAgain() {
        timers.schedule("e1", "wait", 10);
        timers.schedule("e2", "wait", 20);
        TimerStore.Timer first = timers.due(100, 10).get(0);
        timers.take(first);
        timers.moveTo(first.due()); // the budget ran out after one
        assertEquals(List.of(timer(20, "e2", "wait")), timers.due(150, 10));
    }

    @Test
    void aNewStoreScansOnceBeforeItKnowsWhatIsDue() {
        assertEquals(List.of(), timers.due(100, 10));
        assertEquals(List.of(), timers.due(Long.MAX_VALUE - 1, 10));
        assertEquals(1, scans.get(), "an empty store has nothing due until a timer is scheduled");
    }

    private static TimerStore.Timer timer(long due, String execution, String id) {
        return new TimerStore.Timer(due, execution, id, false);
    }

    @SuppressWarnings("unchecked")
    private KeyValueStore<Bytes, byte[]> countingRanges(KeyValueStore<Bytes, byte[]> store) {
        return (KeyValueStore<Bytes, byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("range")) {
                        scans.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
