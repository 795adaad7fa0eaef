package vn.ioc.analytics.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

/** Never fails: parsing and validation happen downstream, where a bad record becomes a dead letter. */
public final class RawEventDeserializer implements KafkaRecordDeserializationSchema<RawEvent> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        out.collect(new RawEvent(key, value, record.partition(), record.offset(), record.timestamp()));
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return TypeInformation.of(RawEvent.class);
    }
}
