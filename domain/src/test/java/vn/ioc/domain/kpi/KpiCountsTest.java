package vn.ioc.domain.kpi;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;

import static org.assertj.core.api.Assertions.assertThat;

class KpiCountsTest {

    /** isZero names every count: one count that is not zero, whichever, makes the whole not zero. */
    @Test
    void isZeroOnlyWhenEveryCountIsZero() throws Exception {
        RecordComponent[] components = KpiCounts.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        var constructor = KpiCounts.class.getDeclaredConstructor(types);
        assertThat(KpiCounts.ZERO.isZero()).isTrue();
        for (int i = 0; i < components.length; i++) {
            for (long value : new long[] {1, -1}) {
                Object[] args = new Object[components.length];
                for (int j = 0; j < args.length; j++) {
                    args[j] = j == i ? value : 0L;
                }
                KpiCounts one = constructor.newInstance(args);
                assertThat(one.isZero()).as(components[i].getName() + " = " + value).isFalse();
                assertThat(one.plus(one.negated()).isZero()).isTrue();
            }
        }
    }
}
