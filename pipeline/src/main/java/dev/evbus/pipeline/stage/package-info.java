/**
 * The library's stages that shape, check and direct events one at a time: filter, transform, set,
 * validate, classify and route. Each class has a {@code FACTORY} that reads its options at compile
 * time (every problem reported, none thrown) and a stage that never mutates the value it gets.
 */
package dev.evbus.pipeline.stage;
