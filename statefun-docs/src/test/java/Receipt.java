import java.util.Map;

// #region receipt
public record Receipt(String cartId, Map<String, Integer> items) {}
// #endregion receipt
