/** The definition side of pipelines: stage specifications and the builder Java plugins and key files share. */
package dev.evbus.event.pipeline;
