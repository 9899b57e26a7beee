/** The running side of pipelines: the compiler from stage specifications and the stage library. */
package dev.evbus.pipeline;
