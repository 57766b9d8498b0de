package org.loyalty.rules.rule.plan;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the fields of the fact messages as CEL values: 64-bit integers and strings as they are,
 * timestamps as {@code Instant}, repeated fields as lists. Other field types are not planned.
 */
final class MessageFields {

    private final Map<String, Descriptor> messages;

    MessageFields(Map<String, Descriptor> messagesByFullName) {
        this.messages = Map.copyOf(messagesByFullName);
    }

    /** The node selecting {@code field} of a message of type {@code typeName}, or {@code has()} of it. */
    Optional<PlanNode> select(String typeName, String field, boolean presenceTest, PlanNode operand) {
        Descriptor message = messages.get(typeName);
        FieldDescriptor descriptor = message == null ? null : message.findFieldByName(field);
        if (descriptor == null || !readable(descriptor)) {
            return Optional.empty();
        }
        if (presenceTest) {
            return Optional.of(PlannedFunctions.strict(operand, m -> descriptor.isRepeated()
                    ? ((Message) m).getRepeatedFieldCount(descriptor) > 0
                    : ((Message) m).hasField(descriptor)));
        }
        boolean timestamp = descriptor.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && descriptor.getMessageType().getFullName().equals(Timestamp.getDescriptor().getFullName());
        if (descriptor.isRepeated()) {
            return Optional.of(PlannedFunctions.strict(operand, m -> {
                List<?> values = (List<?>) ((Message) m).getField(descriptor);
                return timestamp ? new InstantsView(values) : values;
            }));
        }
        return Optional.of(PlannedFunctions.strict(operand, m -> {
            Object value = ((Message) m).getField(descriptor);
            return timestamp ? PlanValues.instant((Timestamp) value) : value;
        }));
    }

    private boolean readable(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case LONG, STRING, BOOLEAN -> true;
            case MESSAGE -> messages.containsKey(field.getMessageType().getFullName())
                    || field.getMessageType().getFullName().equals(Timestamp.getDescriptor().getFullName());
            default -> false;
        };
    }

    /** Repeated timestamps, converted one by one as a macro reaches them. */
    private static final class InstantsView extends AbstractList<Object> {
        private final List<?> timestamps;

        InstantsView(List<?> timestamps) {
            this.timestamps = timestamps;
        }

        @Override
        public Object get(int index) {
            return PlanValues.instant((Timestamp) timestamps.get(index));
        }

        @Override
        public int size() {
            return timestamps.size();
        }
    }
}
