package org.publicbudget.ledger.domain.project;

/**
 * The project aggregate, for the application to register with Axon. The aggregate is
 * package-private: other modules and systems use only the messages of
 * {@code domain.project.api}, whose JSON is the published contract; the aggregate's
 * fields are its own (their shape is the snapshot's, versioned by its {@code @Revision}).
 */
public final class ProjectAggregate {

    private ProjectAggregate() {
    }

    public static Class<?> type() {
        return Project.class;
    }
}
