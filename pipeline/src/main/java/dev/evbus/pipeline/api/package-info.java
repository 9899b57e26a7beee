/**
 * The {@code api} stage: a call to the app's own API per event through its {@code APIClient}, with
 * answers cached for a while so a stream of events about the same thing costs one call.
 *
 * <p>{@link dev.evbus.pipeline.api.ApiStage} computes the method, path and optional body from the
 * item with jq and puts the answer at {@code into}.
 */
package dev.evbus.pipeline.api;
