/** The bus's retention log: events appended once with an offset, read by every consumer at its own pace. */
package dev.evbus.bus.log;
