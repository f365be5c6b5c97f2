package org.publicbudget.ledger.app.infrastructure.axon.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.publicbudget.ledger.app.infrastructure.http.JsonConfiguration;
import org.publicbudget.ledger.domain.EventTypes;
import org.publicbudget.ledger.domain.budget.api.DeclaredTotalRecorded;
import org.publicbudget.ledger.domain.budget.api.DocumentFinding;
import org.publicbudget.ledger.domain.budget.api.DocumentImported;
import org.publicbudget.ledger.domain.budget.api.ImportChanges;
import org.publicbudget.ledger.domain.budget.api.ListedProjectsChanged;
import org.publicbudget.ledger.domain.budget.api.UnitRegistered;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.Indicator;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.publicbudget.ledger.domain.project.api.events.AllocationTransferred;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureRecorded;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureReversed;
import org.publicbudget.ledger.domain.project.api.events.GoalRevised;
import org.publicbudget.ledger.domain.project.api.events.IndicatorAdded;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.api.events.IndicatorResultReported;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRevised;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;
import org.publicbudget.ledger.domain.project.api.events.ProjectWithdrawn;

/**
 * The golden files: for every event, each form it was ever stored in
 * ({@code src/test/resources/events/<name>.json}, oldest first). Each must still read as
 * the same event, through the same serializer and upcasters the ledger uses; the newest
 * must be exactly what the ledger writes today. Renaming a field, changing a type or
 * moving a class fails here until an upcaster reads the old form and a new revision is
 * recorded.
 */
class EventContractTest {

    private static final String PROJECT = "8d0d6a8e-3b5b-3c6f-9a7e-0f1f2e3d4c5b";
    private static final String OTHER_PROJECT = "9e8d7c6b-5a4f-3e2d-9c1b-0a9f8e7d6c5b";
    private static final String PAYMENT = "7b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    private static final String DEPARTMENT = "2f9d7a5c-1b3e-3f4a-8c6d-7e8f9a0b1c2d";
    private static final String UNIT = "5a6b7c8d-9e0f-3a1b-8c2d-3e4f5a6b7c8d";
    private static final String DEPARTMENT_NAME = "广州市荔湾区人民政府石围塘街道办事处";
    private static final String UNIT_NAME = "广州市荔湾区石围塘街道综合保障中心";
    private static final String IMPORTED = "imported from 000_5dc1d2eb32092ea0.txt";
    private static final Indicator FIRST = new Indicator(1, "1", "11", "开展来穗人员融合活动", "2次", "2次");

    /** What each sample means, written out in the domain's terms. */
    private static final Map<String, Object> MEANING = Map.ofEntries(
            Map.entry("ProjectCreated", new ProjectCreated(PROJECT, DEPARTMENT, DEPARTMENT_NAME, 2025, UNIT, UNIT_NAME, "编外人员聘用经费",
                    "及时发放编外人员聘用经费", allocations("59.84", "0.00", "0.00"))),
            Map.entry("AllocationRevised", new AllocationRevised(PROJECT, DEPARTMENT, UNIT, FundingSource.FISCAL_APPROPRIATION,
                    new BigDecimal("59.84"), new BigDecimal("61.50"), "年中调整")),
            Map.entry("AllocationTransferred", new AllocationTransferred(PROJECT, DEPARTMENT, UNIT, "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
                    OTHER_PROJECT, FundingSource.FISCAL_APPROPRIATION, new BigDecimal("61.50"), new BigDecimal("51.14"), "预算调剂")),
            Map.entry("GoalRevised", new GoalRevised(PROJECT, DEPARTMENT, UNIT, "及时发放编外人员聘用经费", "按时足额发放编外人员聘用经费", "目标调整")),
            Map.entry("IndicatorAdded", new IndicatorAdded(PROJECT, DEPARTMENT, UNIT, 1, "1", "11", "开展来穗人员融合活动", "2次", "2次")),
            Map.entry("IndicatorRevised", new IndicatorRevised(PROJECT, DEPARTMENT, UNIT, FIRST,
                    new Indicator(1, "1", "11", "开展来穗人员融合活动", "4次", "4次"), "加密活动")),
            Map.entry("IndicatorRemoved", new IndicatorRemoved(PROJECT, DEPARTMENT, UNIT,
                    new Indicator(2, "3", "31", "服务对象满意度", "≥85%", "≥85%"), "指标调整")),
            Map.entry("ProjectWithdrawn", new ProjectWithdrawn(PROJECT, DEPARTMENT, UNIT, allocations("51.14", "0.00", "2.25"), "项目撤销")),
            Map.entry("UnitRegistered", new UnitRegistered(DEPARTMENT, DEPARTMENT_NAME, 2025, UNIT, UNIT_NAME, "新设单位")),
            Map.entry("DeclaredTotalRecorded", new DeclaredTotalRecorded(DEPARTMENT, DEPARTMENT_NAME, 2025, UNIT, UNIT_NAME, null,
                    new BigDecimal("644.08"), IMPORTED)),
            Map.entry("ListedProjectsChanged", new ListedProjectsChanged(DEPARTMENT, new TreeSet<>(Set.of(PROJECT, OTHER_PROJECT)), new TreeSet<>(), IMPORTED)),
            Map.entry("DocumentImported", new DocumentImported(DEPARTMENT, DEPARTMENT_NAME, 2025, "000_5dc1d2eb32092ea0.txt",
                    "5dc1d2eb32092ea0c1e5b1d7a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5", new BigDecimal("4892.11"), new BigDecimal("4892.12"),
                    new ImportChanges(2, 0, 0, 0, 1, 0, 0, 2, 7),
                    List.of(new DocumentFinding("PAGE_REPEAT", 41, "row printed again at a page break", "编外人员聘用经费 59.84")), IMPORTED)),
            Map.entry("ExpenditureRecorded", new ExpenditureRecorded(PROJECT, DEPARTMENT, UNIT, PAYMENT, FundingSource.FISCAL_APPROPRIATION,
                    new BigDecimal("12.50"), new BigDecimal("20.00"), new BigDecimal("32.50"), LocalDate.of(2025, 7, 15), "记-2025-0715-003",
                    "调研差旅费")),
            Map.entry("ExpenditureReversed", new ExpenditureReversed(PROJECT, DEPARTMENT, UNIT, PAYMENT, FundingSource.FISCAL_APPROPRIATION,
                    new BigDecimal("12.50"), new BigDecimal("32.50"), new BigDecimal("20.00"), "记-2025-0715-003", LocalDate.of(2025, 7, 20),
                    "红-2025-0720-001", "重复入账")),
            Map.entry("IndicatorResultReported", new IndicatorResultReported(PROJECT, DEPARTMENT, UNIT, 1, ResultPeriod.MID_YEAR, null, "3次",
                    LocalDate.of(2025, 7, 10), "年中绩效监控")));

    private final ObjectMapper mapper = new JsonConfiguration().defaultAxonObjectMapper();
    private final EventFormatConfiguration format = new EventFormatConfiguration();
    private final Serializer serializer = format.eventSerializer(mapper, new AnnotationRevisionResolver());
    private final EventUpcasterChain upcasters = format.eventUpcasters();

    @Test
    void everyEventHasAGoldenSample() {
        assertThat(MEANING.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.all().keySet());
        for (String name : EventTypes.all().keySet()) {
            assertThat(getClass().getResource("/events/" + name + ".json")).as("golden sample of " + name).isNotNull();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyStoredFormStillReadsAsTheSameEvent() {
        return EventTypes.all().keySet().stream().flatMap(name -> {
            List<JsonNode> stored = storedForms(name);
            List<DynamicTest> tests = new ArrayList<>();
            for (int i = 0; i < stored.size(); i++) {
                JsonNode form = stored.get(i);
                tests.add(DynamicTest.dynamicTest(name + " as stored under " + form.get("type").asText() + " revision "
                        + form.get("revision").asText(), () -> assertThat(read(form)).isEqualTo(MEANING.get(name))));
            }
            return tests.stream();
        });
    }

    @TestFactory
    Stream<DynamicTest> theNewestFormIsWhatTheLedgerWritesToday() {
        return EventTypes.all().keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            List<JsonNode> stored = storedForms(name);
            JsonNode newest = stored.get(stored.size() - 1);
            SerializedObject<byte[]> written = serializer.serialize(MEANING.get(name), byte[].class);
            assertThat(written.getType().getName()).isEqualTo(name).isEqualTo(newest.get("type").asText());
            assertThat(written.getType().getRevision()).isEqualTo(newest.get("revision").asText());
            assertThat(mapper.readTree(written.getData())).isEqualTo(newest.get("payload"));
        }));
    }

    @Test
    void aRevisionNewerThanThisReleaseIsRefusedNotMisread() {
        ObjectNode fromANewerRelease = (ObjectNode) storedForms("AllocationRevised").get(1);
        fromANewerRelease.put("revision", "3");
        assertThatThrownBy(() -> read(fromANewerRelease)).isInstanceOf(KnownRevisionsOnly.UnreadableEvent.class)
                .hasMessageContaining("AllocationRevised revision 3").hasMessageContaining("reads revision 2");
    }

    private Object read(JsonNode form) throws IOException {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Project", PROJECT, 0, "event-1", "2025-01-01T00:00:00Z",
                form.get("type").asText(), form.get("revision").isNull() ? null : form.get("revision").asText(),
                mapper.writeValueAsBytes(form.get("payload")), "{}".getBytes(StandardCharsets.UTF_8));
        try (Stream<? extends DomainEventMessage<?>> events = EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), serializer,
                upcasters).asStream()) {
            List<? extends DomainEventMessage<?>> read = events.toList();
            assertThat(read).hasSize(1);
            return read.get(0).getPayload();
        }
    }

    private List<JsonNode> storedForms(String name) {
        try (InputStream sample = getClass().getResourceAsStream("/events/" + name + ".json")) {
            JsonNode golden = mapper.readTree(sample);
            assertThat(golden.get("event").asText()).isEqualTo(name);
            List<JsonNode> forms = new ArrayList<>();
            golden.get("stored").forEach(forms::add);
            assertThat(forms).as("stored forms of " + name).isNotEmpty();
            return forms;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the golden sample of " + name, e);
        }
    }

    private static Map<FundingSource, BigDecimal> allocations(String fiscal, String special, String other) {
        return Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal(fiscal), FundingSource.SPECIAL_ACCOUNT, new BigDecimal(special),
                FundingSource.OTHER, new BigDecimal(other));
    }
}
