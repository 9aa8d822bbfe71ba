// #region commands
/** What the shop's ingress carries: a command ({@link AddItem}, {@link Checkout}) for one cart. */
public record CartCommand(String cartId, Object command) {}
// #endregion commands
