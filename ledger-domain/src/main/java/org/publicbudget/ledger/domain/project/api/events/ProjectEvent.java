package org.publicbudget.ledger.domain.project.api.events;

/** An event in a project's history; every one names its project. */
public interface ProjectEvent {

    String projectId();
}
