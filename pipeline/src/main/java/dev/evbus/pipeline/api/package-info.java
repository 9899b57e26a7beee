/**
 * The {@code api} stage: a call to the app's own API per event through its {@code APIClient}, with
 * answers cached for a while so a stream of events about the same thing costs one call.
 */
package dev.evbus.pipeline.api;
