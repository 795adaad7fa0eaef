package vn.ioc.domain.rules;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import vn.ioc.domain.event.DossierEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DossierRulesPropertiesTest {

    @Property(tries = 500)
    void shufflingAndDuplicatingEventsNeverChangesTheState(@ForAll long seed) {
        Random r = new Random(seed);
        List<DossierEvent> events = RandomHistories.history(r, "D");
        List<DossierEvent> delivered = new ArrayList<>(events);
        int duplicates = r.nextInt(events.size() + 1);
        for (int i = 0; i < duplicates; i++) {
            delivered.add(events.get(r.nextInt(events.size())));
        }
        Collections.shuffle(delivered, r);

        assertThat(RandomHistories.evaluate("D", delivered)).isEqualTo(RandomHistories.evaluate("D", events));
    }

    @Property(tries = 200)
    void historyOrderIsTheSameForEveryShuffle(@ForAll long seed) {
        Random r = new Random(seed);
        List<DossierEvent> events = RandomHistories.history(r, "D");
        List<DossierEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, r);
        assertThat(DossierRules.history(shuffled)).isEqualTo(DossierRules.history(events));
    }
}
