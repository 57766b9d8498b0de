package org.loyalty.query.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.loyalty.query.retention.BgNbdModel;
import org.loyalty.query.retention.GammaGammaModel;
import org.loyalty.query.retention.ParetoNbdModel;
import org.loyalty.query.retention.PurchaseModel;
import org.loyalty.query.retention.PurchaseModelKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Every fit is kept in {@code retention_model}; scores use the newest. Each node keeps the newest it has
 * read for a minute, so a fit on one node reaches the others within that.
 */
public class RetentionModelStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CACHE_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private record Cached(Optional<StoredModel> model, long readAt) {
    }

    private final JdbcTemplate jdbc;
    private volatile Cached cached;

    public RetentionModelStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest model, as read from the database at most a minute ago. */
    public Optional<StoredModel> newest() {
        Cached known = cached;
        return known != null && System.nanoTime() - known.readAt() < CACHE_NANOS ? known.model() : refresh();
    }

    /** Reads the newest model now (call it after a refit has committed). */
    public Optional<StoredModel> refresh() {
        Optional<StoredModel> found = jdbc.query("SELECT * FROM retention_model ORDER BY id DESC LIMIT 1", (row, n) -> read(row))
                .stream().findFirst();
        cached = new Cached(found, System.nanoTime());
        return found;
    }

    public StoredModel save(StoredModel unsaved) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var insert = con.prepareStatement("""
                    INSERT INTO retention_model (kind, parameters, log_likelihood, customers, converged, spend_model,
                                                 days_per_unit, as_of, fitted_at, fit_millis)
                    VALUES (?, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)""", new String[] {"id"});
            insert.setString(1, unsaved.purchases().kind().name());
            insert.setString(2, json(parameters(unsaved.purchases())));
            insert.setDouble(3, unsaved.logLikelihood());
            insert.setInt(4, unsaved.customers());
            insert.setBoolean(5, unsaved.converged());
            insert.setString(6, unsaved.spend() == null ? null : json(parameters(unsaved.spend())));
            insert.setInt(7, unsaved.daysPerTimeUnit());
            insert.setDate(8, Date.valueOf(unsaved.asOf()));
            insert.setTimestamp(9, Timestamp.from(unsaved.fittedAt()));
            insert.setLong(10, unsaved.fitMillis());
            return insert;
        }, key);
        // Not cached here: the caller's transaction may still roll back.
        return new StoredModel(key.getKey().longValue(), unsaved.purchases(), unsaved.spend(), unsaved.logLikelihood(),
                unsaved.customers(), unsaved.converged(), unsaved.asOf(), unsaved.fittedAt(), unsaved.fitMillis(), unsaved.daysPerTimeUnit());
    }

    /** The fitted parameters by their names in the papers. */
    public static Map<String, Double> parameters(PurchaseModel model) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (model instanceof BgNbdModel m) {
            out.put("r", m.r());
            out.put("alpha", m.alpha());
            out.put("a", m.a());
            out.put("b", m.b());
        } else if (model instanceof ParetoNbdModel m) {
            out.put("r", m.r());
            out.put("alpha", m.alpha());
            out.put("s", m.s());
            out.put("beta", m.beta());
        } else {
            throw new IllegalArgumentException("unknown purchase model " + model.getClass().getName());
        }
        return out;
    }

    public static Map<String, Double> parameters(GammaGammaModel model) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("p", model.p());
        out.put("q", model.q());
        out.put("gamma", model.gamma());
        return out;
    }

    private StoredModel read(ResultSet row) throws SQLException {
        Map<String, Double> p = map(row.getString("parameters"));
        PurchaseModel purchases = switch (PurchaseModelKind.valueOf(row.getString("kind"))) {
            case BG_NBD -> new BgNbdModel(p.get("r"), p.get("alpha"), p.get("a"), p.get("b"));
            case PARETO_NBD -> new ParetoNbdModel(p.get("r"), p.get("alpha"), p.get("s"), p.get("beta"));
        };
        String spendJson = row.getString("spend_model");
        GammaGammaModel spend = null;
        if (spendJson != null) {
            Map<String, Double> g = map(spendJson);
            spend = new GammaGammaModel(g.get("p"), g.get("q"), g.get("gamma"));
        }
        return new StoredModel(row.getLong("id"), purchases, spend, row.getDouble("log_likelihood"), row.getInt("customers"),
                row.getBoolean("converged"), row.getDate("as_of").toLocalDate(), row.getTimestamp("fitted_at").toInstant(),
                row.getLong("fit_millis"), row.getInt("days_per_unit"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> map(String json) {
        try {
            Map<String, Number> raw = JSON.readValue(json, Map.class);
            Map<String, Double> out = new LinkedHashMap<>();
            raw.forEach((k, v) -> out.put(k, v.doubleValue()));
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable model parameters " + json, e);
        }
    }
}
