package io.stepstream.runtime.engine;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/**
 * The engine's RocksDB settings (Streams' {@code rocksdb.config.setter}): LZ4 for the stores whose
 * values are JSON text, the executions and the history. Streams writes RocksDB uncompressed; a
 * state's ARNs and names repeat across executions and compress well, so a block holds several
 * times as many states, and a due timer's state, read minutes after it was written, is more often
 * in the block cache than in a file. On this project's VMs the page cache keeps little, and a read
 * that misses the block cache is a system call that may wait for the disk.
 */
public final class RocksDBSettings implements RocksDBConfigSetter {
    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        if (storeName.equals(ExecutionTopology.EXECUTIONS_STORE) || storeName.equals(HistoryTopology.STORE)) {
            options.setCompressionType(CompressionType.LZ4_COMPRESSION);
        }
    }

    @Override
    public void close(String storeName, Options options) {
        // nothing allocated
    }
}
