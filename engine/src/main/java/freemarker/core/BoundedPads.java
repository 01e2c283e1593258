package freemarker.core;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import java.util.List;

/**
 * converge's bound on {@code ?left_pad}/{@code ?right_pad}: Freemarker allocates the padded
 * string before any output limit can see it, so {@code ?left_pad(1500000000)} would take
 * gigabytes and many seconds. The built-ins are replaced (in Freemarker's own registry, hence
 * this package) by ones that refuse a width over {@link #MAX_WIDTH} and otherwise do the same.
 */
public final class BoundedPads {
    /** The widest pad allowed: the size of a value's output limit. */
    public static final int MAX_WIDTH = 1 << 20;

    private static boolean installed;

    private BoundedPads() {}

    /** Replaces the pad built-ins, once per JVM. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        for (String[] names : List.of(new String[] {"left_pad", "leftPad"}, new String[] {"right_pad", "rightPad"})) {
            BuiltIn original = BuiltIn.BUILT_INS_BY_NAME.get(names[0]);
            if (original instanceof BuiltInForString padder) {
                Bounded bounded = new Bounded(padder);
                for (String name : names) {
                    BuiltIn.BUILT_INS_BY_NAME.put(name, bounded);
                }
            }
        }
        installed = true;
    }

    private static final class Bounded extends BuiltInForString {
        private final BuiltInForString original;

        Bounded(BuiltInForString original) {
            this.original = original;
        }

        @Override
        TemplateModel calculateResult(String s, Environment env) throws freemarker.template.TemplateException {
            TemplateMethodModelEx pad = (TemplateMethodModelEx) original.calculateResult(s, env);
            return (TemplateMethodModelEx) args -> {
                if (!args.isEmpty()
                        && args.get(0) instanceof TemplateNumberModel n
                        && n.getAsNumber().doubleValue() > MAX_WIDTH) {
                    throw new TemplateModelException("?" + key + "(" + n.getAsNumber()
                            + "): the width is over the limit of " + MAX_WIDTH + " characters");
                }
                return pad.exec(args);
            };
        }
    }
}
