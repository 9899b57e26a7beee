package dev.evbus.cli.e2e;

import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands each test method its own {@link Evbus} and tears it down after the test, pass or fail,
 * so no bus or consumer of one test can leak into the next.
 */
final class EvbusExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EvbusExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Evbus.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Evbus.class, type -> {
            try {
                return Evbus.create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Evbus.class);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        Evbus evbus = context.getStore(NAMESPACE).remove(Evbus.class, Evbus.class);
        if (evbus != null) {
            evbus.close();
        }
    }
}
