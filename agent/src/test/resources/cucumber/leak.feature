Feature: a step that leaks
  Scenario: a statement left open
    Given a statement left open when its connection closes
