package org.publicbudget.ledger.app.infrastructure.axon.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.publicbudget.ledger.domain.EventTypes;

/**
 * Axon's Jackson serializer, storing each event under its published name
 * ({@link EventTypes}: {@code AllocationRevised}, not a Java class name) with its
 * revision. Other objects (metadata, snapshots, tokens) keep their class names.
 */
public class EventSerializer extends JacksonSerializer {

    public EventSerializer(ObjectMapper mapper, RevisionResolver revisions, ClassLoader classLoader) {
        super(JacksonSerializer.builder().objectMapper(mapper).revisionResolver(revisions).converter(new ChainingConverter(classLoader)));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return EventTypes.nameOf(type).<SerializedType>map(name -> new SimpleSerializedType(name, getRevisionResolver().revisionOf(type)))
                .orElseGet(() -> super.typeForClass(type));
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return EventTypes.byName(serializedType.getName()).map(Class::getName).orElse(serializedType.getName());
    }
}
