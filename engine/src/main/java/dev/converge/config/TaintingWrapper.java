package dev.converge.config;

import freemarker.ext.util.WrapperTemplateModel;
import freemarker.template.AdapterTemplateModel;
import freemarker.template.Configuration;
import freemarker.template.DefaultMapAdapter;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.TemplateCollectionModel;
import freemarker.template.TemplateHashModelEx2;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateModelIterator;
import java.util.Map;

/**
 * Freemarker's default wrapper, except that maps (the variable model, {@code hostvars}, nested
 * maps) are read through {@link TaintingHash}, and known secret values raise the taint flag
 * when read (see {@link SecretTaint}). The secret policy is the thread's
 * {@linkplain SecretTaint#active active} one, set by {@link Templating} for each rendering.
 */
final class TaintingWrapper extends DefaultObjectWrapper {
    TaintingWrapper() {
        super(Configuration.VERSION_2_3_34);
    }

    @Override
    public TemplateModel wrap(Object obj) throws TemplateModelException {
        SecretTaint taint = SecretTaint.active();
        if (taint != null && obj instanceof Map<?, ?> map) {
            return new TaintingHash(DefaultMapAdapter.adapt(map, this), taint);
        }
        if (taint != null && taint.isKnownValue(obj)) {
            SecretTaint.raise();
        }
        return super.wrap(obj);
    }

    /** A map whose secret-named entries raise the taint flag when read. */
    private record TaintingHash(DefaultMapAdapter map, SecretTaint taint)
            implements TemplateHashModelEx2, AdapterTemplateModel, WrapperTemplateModel {
        @Override
        public TemplateModel get(String key) throws TemplateModelException {
            TemplateModel value = map.get(key);
            if (value != null && taint.isSecretName(key)) {
                SecretTaint.raise();
            }
            return value;
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public TemplateCollectionModel keys() {
            return map.keys();
        }

        @Override
        public TemplateCollectionModel values() throws TemplateModelException {
            TemplateModelIterator keys = map.keys().iterator();
            while (keys.hasNext()) {
                if (taint.isSecretName(String.valueOf(keys.next()))) {
                    SecretTaint.raise();
                }
            }
            return map.values();
        }

        @Override
        public KeyValuePairIterator keyValuePairIterator() throws TemplateModelException {
            KeyValuePairIterator pairs = map.keyValuePairIterator();
            return new KeyValuePairIterator() {
                @Override
                public boolean hasNext() throws TemplateModelException {
                    return pairs.hasNext();
                }

                @Override
                public KeyValuePair next() throws TemplateModelException {
                    KeyValuePair pair = pairs.next();
                    if (taint.isSecretName(String.valueOf(pair.getKey()))) {
                        SecretTaint.raise();
                    }
                    return pair;
                }
            };
        }

        @Override
        public Object getAdaptedObject(Class<?> hint) {
            return map.getAdaptedObject(hint);
        }

        @Override
        public Object getWrappedObject() {
            return map.getWrappedObject();
        }
    }
}
