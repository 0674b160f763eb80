// design.v - The hardware synthesised by the real-world workload (run.sh).
//
// `top` is a small sequential datapath: an 8-bit ALU whose result is kept
// in an accumulator register, a 16-bit population count and a free-running
// counter with enable and synchronous reset. Yosys proves the synthesised
// netlist of `top` equivalent to the source (equiv_*). `mul8` is synthesised
// on its own and checked by evaluating the netlist on fixed operands:
// multiplier equivalence is too hard for a SAT solver to prove quickly.

module alu8(input [2:0] op, input [7:0] a, input [7:0] b,
            output reg [7:0] y, output zero);
  always @* begin
    case (op)
      3'd0: y = a + b;
      3'd1: y = a - b;
      3'd2: y = a & b;
      3'd3: y = a | b;
      3'd4: y = a ^ b;
      3'd5: y = a << b[2:0];
      3'd6: y = a >> b[2:0];
      default: y = {7'b0, $signed(a) < $signed(b)};
    endcase
  end
  assign zero = y == 8'd0;
endmodule

module popcount16(input [15:0] x, output reg [4:0] n);
  integer i;
  always @* begin
    n = 0;
    for (i = 0; i < 16; i = i + 1)
      n = n + x[i];
  end
endmodule

module counter12(input clk, input rst, input en, output reg [11:0] q);
  always @(posedge clk)
    if (rst)
      q <= 12'd0;
    else if (en)
      q <= q + 12'd1;
endmodule

module top(input clk, input rst, input en, input [2:0] op,
           input [7:0] a, input [7:0] b, input [15:0] x,
           output reg [7:0] acc, output reg acc_zero,
           output [4:0] ones, output [11:0] count);
  wire [7:0] y;
  wire zero;
  alu8 u_alu(.op(op), .a(a), .b(b), .y(y), .zero(zero));
  popcount16 u_pop(.x(x), .n(ones));
  counter12 u_cnt(.clk(clk), .rst(rst), .en(en), .q(count));
  always @(posedge clk)
    if (rst) begin
      acc <= 8'd0;
      acc_zero <= 1'b1;
    end else begin
      acc <= y;
      acc_zero <= zero;
    end
endmodule

module mul8(input [7:0] a, input [7:0] b, output [15:0] p);
  assign p = a * b;
endmodule
